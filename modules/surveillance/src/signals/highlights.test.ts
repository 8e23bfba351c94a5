import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processNewsItem } from '../ebs/index.js';
import { highlightsOf, nonOverlapping, readTextOf } from './highlights.js';
import { careHomeFluEn, careHomeFluZh } from './testing.js';
import type { Highlight } from './signals.schema.js';

const spanText = (text: string, spans: Highlight[]) => spans.map((s) => [s.kind, text.slice(s.start, s.end)]);

describe('highlights of what extraction found', () => {
  it('marks the disease, the places and the counts of a Chinese report', () => {
    const facts = processNewsItem(careHomeFluZh, {
      now: '2025-03-12T08:00:00Z',
      homeArea: ['4302'],
    }).extraction;
    const text = readTextOf(careHomeFluZh);
    const marked = spanText(text, highlightsOf(careHomeFluZh, facts));
    expect(marked).toEqual(
      expect.arrayContaining([
        ['place', '荷塘区'],
        ['place', '月塘街道'],
        ['disease', '流感'],
        ['date', '3月11日'],
      ]),
    );
    expect(marked.some(([kind, span]) => kind === 'count' && span!.includes('23'))).toBe(true);
  });

  it('marks the same kinds in the English report', () => {
    const facts = processNewsItem(careHomeFluEn, {
      now: '2025-03-12T08:00:00Z',
      homeArea: ['4302'],
    }).extraction;
    const kinds = new Set(highlightsOf(careHomeFluEn, facts).map((h) => h.kind));
    expect([...kinds].sort()).toEqual(['count', 'date', 'disease', 'place']);
  });

  it('returns sorted spans inside the text that never overlap, preferring the more telling kind', () => {
    const kind = fc.constantFrom<Highlight['kind']>('disease', 'place', 'count', 'date');
    const span = fc
      .tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: 0, max: 20 }), kind)
      .map(([start, length, k]) => ({ start, end: start + length, kind: k }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.integer({ min: 0, max: 60 }), (spans, length) => {
        const kept = nonOverlapping(spans, length);
        for (const [i, s] of kept.entries()) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(length);
          expect(s.start).toBeLessThan(s.end);
          if (i > 0) expect(kept[i - 1]!.end).toBeLessThanOrEqual(s.start);
        }
        // A valid disease span is never dropped for an overlapping span of another kind.
        const diseases = spans.filter(
          (s) => s.kind === 'disease' && s.start >= 0 && s.end <= length && s.start < s.end,
        );
        if (diseases.length === 1) expect(kept).toContainEqual(diseases[0]);
      }),
    );
  });
});
