import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './phrase-matcher.js';

describe('phrase matching', () => {
  it('takes the longest phrase at a position (禽流感 over 流感)', () => {
    const matcher = new PhraseMatcher<string>();
    matcher.add('流感', 'flu');
    matcher.add('禽流感', 'avian');
    expect(matcher.findAll('人感染禽流感，非季节性流感').map((m) => [m.text, m.payloads[0]])).toEqual([
      ['禽流感', 'avian'],
      ['流感', 'flu'],
    ]);
  });

  it('matches Latin phrases only at word boundaries, ignoring case unless exact', () => {
    const matcher = new PhraseMatcher<string>();
    matcher.add('flu', 'flu');
    matcher.add('US', 'us', { exactCase: true });
    const found = matcher.findAll('Influenza and FLU in the US, not in us or USA').map((m) => m.text);
    expect(found).toEqual(['FLU', 'US']);
  });

  it('keeps offsets right after characters whose lower case is longer (İ)', () => {
    const matcher = new PhraseMatcher<string>();
    matcher.add('London', 'london');
    const [match] = matcher.findAll('İİstanbul and London');
    expect(match).toMatchObject({ text: 'London', start: 14, end: 20 });
  });

  it('keeps every payload of a name shared by several entries', () => {
    const matcher = new PhraseMatcher<number>();
    matcher.add('朝阳区', 1);
    matcher.add('朝阳区', 2);
    expect(matcher.findAll('朝阳区')[0]?.payloads).toEqual([1, 2]);
  });

  it('never returns overlapping matches, and each match is the phrase it claims', () => {
    const phrases = ['ab', 'abc', 'bc', 'cab', '流感', '禽流感'];
    const matcher = new PhraseMatcher<string>();
    for (const p of phrases) matcher.add(p, p);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', ' ', '禽', '流', '感'), { maxLength: 40 }),
        (chars) => {
          const text = chars.join('');
          const matches = matcher.findAll(text);
          for (const [i, m] of matches.entries()) {
            expect(text.slice(m.start, m.end).toLowerCase()).toBe(m.payloads[0]);
            if (i > 0) expect(m.start).toBeGreaterThanOrEqual(matches[i - 1]?.end ?? 0);
          }
        },
      ),
    );
  });
});
