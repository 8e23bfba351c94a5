import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeNewsText } from '../ebs/text/normalize.js';
import { alignNormalForm, displayTextOf } from './display-text.js';

/** Characters news text is made of, including the ones normalisation changes. */
const newsChar = fc.constantFrom(
  ...'株洲市荷塘区新增病例例，。：；！？（）“”‘’、—–１２３ＡＢａｂ abcXYZ0123\n\t \u00a0\u3000-.,()H5N1'.split(
    '',
  ),
);
const newsText = fc.array(newsChar, { maxLength: 60 }).map((chars) => chars.join(''));

describe('showing an item as written, with highlights found in its normal form', () => {
  it('keeps full-width Chinese punctuation and maps each highlight onto the original', () => {
    const item = { title: '株洲市荷塘区　新增病例', text: '截至３月１１日，累计报告“流感样病例”２３例。' };
    const normal = normalizeNewsText(`${item.title}\n${item.text}`);
    const spanOf = (needle: string) => ({
      start: normal.indexOf(needle),
      end: normal.indexOf(needle) + needle.length,
    });
    const shown = displayTextOf(item, [
      { ...spanOf('荷塘区'), kind: 'place' },
      { ...spanOf('3月11日'), kind: 'date' },
      { ...spanOf('23例'), kind: 'count' },
    ]);
    expect(shown.text).toBe(`${item.title}\n${item.text}`);
    expect(shown.highlights.map((h) => shown.text.slice(h.start, h.end))).toEqual([
      '荷塘区',
      '３月１１日',
      '２３例',
    ]);
  });

  it('aligns any mix of news characters, and every span maps to the same text once normalised', () => {
    fc.assert(
      fc.property(newsText, fc.nat(), fc.nat(), (raw, a, b) => {
        const units = alignNormalForm(raw);
        expect(units).not.toBeNull();
        const normal = normalizeNewsText(raw);
        expect(units!.length).toBe(normal.length);
        if (normal.length === 0) return;
        const s = a % normal.length;
        const e = s + 1 + (b % (normal.length - s));
        if (/\s/.test(normal[s]!) || /\s/.test(normal[e - 1]!)) return;
        expect(normalizeNewsText(raw.slice(units![s]!.start, units![e - 1]!.end))).toBe(normal.slice(s, e));
      }),
    );
  });

  it('falls back to the normal form when normalisation composes across characters', () => {
    // e + combining acute: NFKC composes the pair into one character, which no single character gives.
    const item = { title: 'Cafe\u0301 outbreak', text: 'Five ill.' };
    expect(alignNormalForm(`${item.title}\n${item.text}`)).toBeNull();
    const highlight = { start: 0, end: 4, kind: 'place' as const };
    expect(displayTextOf(item, [highlight])).toEqual({
      text: 'Café outbreak\nFive ill.',
      highlights: [highlight],
    });
  });
});
