/**
 * One normal form for news text before anything reads it: NFKC (full-width digits, letters and
 * punctuation become ASCII, e.g. `１２` → `12`, `（` → `(`), curly quotes straightened, runs of
 * whitespace collapsed. Extraction offsets refer to this normal form.
 */

export function normalizeNewsText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}

/** Han ideographs (CJK Unified Ideographs and Extension A), the script of Chinese text. */
export function isHan(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
