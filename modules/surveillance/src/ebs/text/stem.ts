/**
 * A small English suffix stripper for classifier features: enough to fold outbreak/outbreaks,
 * infected/infections, hospitalised/hospitalized into one feature. Not Porter's full algorithm:
 * the classifier only needs consistent folding, not linguistically correct stems.
 */

const suffixes: readonly [suffix: string, replacement: string, minStem: number][] = [
  ['isations', 'ize', 3],
  ['izations', 'ize', 3],
  ['isation', 'ize', 3],
  ['ization', 'ize', 3],
  ['ational', 'ate', 3],
  ['ousness', 'ous', 3],
  ['fulness', 'ful', 3],
  ['ising', 'ize', 3],
  ['izing', 'ize', 3],
  ['ised', 'ize', 3],
  ['ized', 'ize', 3],
  ['ises', 'ize', 3],
  ['izes', 'ize', 3],
  ['ions', 'ion', 3],
  ['ings', '', 3],
  ['ing', '', 3],
  ['ies', 'y', 2],
  ['ied', 'y', 2],
  ['edly', '', 3],
  ['ly', '', 4],
  ['ed', '', 3],
  ['es', '', 4],
  ['s', '', 3],
];

/** Lower-cased `word` with one common inflectional or derivational suffix folded. */
export function stemEnglish(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length <= 3 || lower.endsWith('ss') || lower.endsWith('us') || lower.endsWith('is')) return lower;
  for (const [suffix, replacement, minStem] of suffixes) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= minStem) {
      return lower.slice(0, lower.length - suffix.length) + replacement;
    }
  }
  return lower;
}
