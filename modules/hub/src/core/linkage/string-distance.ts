/**
 * Edit distances for short strings (names, dates, phone numbers, ID numbers): the optimal string
 * alignment distance (Damerau–Levenshtein with adjacent transpositions, each substring edited once).
 */

const previousRow: number[] = [];
const currentRow: number[] = [];
const beforePreviousRow: number[] = [];

/**
 * Optimal string alignment distance between a and b, stopping early once it must exceed `limit`
 * (returns `limit + 1` then). Compares UTF-16 code units, which is exact for Han and Latin names.
 */
export function osaDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.min(n + m, limit + 1);
  let prev = previousRow;
  let curr = currentRow;
  let before = beforePreviousRow;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    curr[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      curr[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const recycled = before;
    before = prev;
    prev = curr;
    curr = recycled;
  }
  return Math.min(prev[m]!, limit + 1);
}

/** Whether a and b have equal length and differ in exactly one position. */
export function differsInOnePosition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
  }
  return differences === 1;
}
