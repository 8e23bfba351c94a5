// Slot lookups of a segment: by place group and by person, through the dense maps (ids that fill their
// range) and the binary search (sparse ids) alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalSegment } from './interval-segment.js';

const HOUR = 3_600_000;

describe('segment slot lookups', () => {
  it('find every group and person of the segment, and nothing else, for dense and sparse ids', () => {
    const idRange = fc.oneof(fc.constant(8), fc.constant(5_000));
    fc.assert(
      fc.property(
        idRange,
        idRange,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 48 })), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (groupRange, personRange, events, probes) => {
          const segment = IntervalSegment.build({
            group: Uint32Array.from(events, ([g]) => g % groupRange),
            person: Uint32Array.from(events, ([, p]) => p % personRange),
            start: Float64Array.from(events, ([, , h]) => h * HOUR),
            end: Float64Array.from(events, ([, , h]) => (h + 1) * HOUR),
            extra: [],
          });
          for (const id of [...events.map(([g, p]) => [g % groupRange, p % personRange]).flat(), ...probes]) {
            const groupSlot = segment.groupSlot(id);
            const group = Array.from(segment.groupIds).indexOf(id);
            expect(groupSlot).toBe(group);
            const personSlot = segment.personSlot(id);
            expect(personSlot).toBe(Array.from(segment.personIds).indexOf(id));
            if (personSlot >= 0) {
              const first = segment.personOrder[segment.personOffsets[personSlot]!]!;
              expect(segment.person[first]).toBe(id);
            }
          }
        },
      ),
    );
  });
});
