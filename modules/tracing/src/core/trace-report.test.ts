// The per-case report: set sizes and the places that made them, to show when a definition is too loose.
import { describe, expect, it } from 'vitest';
import { PresenceIndex } from './presence-index.js';
import { data, member, queryFor, visit } from './test-support.js';
import { traceContacts } from './trace.js';

describe('trace report', () => {
  it('counts contacts and exposures per degree and per kind, and ranks the places that qualified them', () => {
    const presence = data({
      checkIns: [
        visit('case', 'mall', '10:00', '11:00', { venueType: 'mall' }),
        ...['m1', 'm2', 'm3'].map((p) => visit(p, 'mall', '10:00', '11:00', { venueType: 'mall' })),
        visit('m1', 'office', '13:00', '15:00', { venueType: 'office' }),
        visit('o1', 'office', '13:00', '15:00', { venueType: 'office' }),
        visit('m1', 'office', '16:00', '17:00', { venueType: 'office' }),
        visit('o1', 'office', '16:00', '17:00', { venueType: 'office' }),
      ],
      households: [member('case', 'h'), member('m1', 'h')],
    });
    const { trace, report } = traceContacts(PresenceIndex.from(presence), queryFor('case'), { topPlaces: 2 });
    expect(trace.contacts.map((c) => [c.person_id, c.degree])).toEqual([
      ['m1', 1],
      ['m2', 1],
      ['m3', 1],
      ['o1', 2],
    ]);
    expect(report.contacts).toEqual({ close: 3, secondary: 1 });
    expect(report.exposures).toEqual({ close: 4, secondary: 2 });
    expect(report.byKind).toEqual({
      venue: { close: 3, secondary: 1 },
      trip: { close: 0, secondary: 0 },
      stay: { close: 0, secondary: 0 },
      household: { close: 1, secondary: 0 },
    });
    expect(report.topPlaces).toEqual([
      { kind: 'venue', place_id: 'mall', category: 'mall', close: 3, secondary: 0, share: 0.75 },
      { kind: 'household', place_id: 'h', category: null, close: 1, secondary: 0, share: 0.25 },
    ]);
  });
});
