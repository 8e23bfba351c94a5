/**
 * Dictionary lookup over running text: finds non-overlapping phrases from a dictionary, the longest
 * one at each position, scanning left to right. Han phrases match anywhere (Chinese has no spaces);
 * Latin phrases only at word boundaries, case-insensitively unless the phrase is marked exact
 * (acronyms such as `SARS`, `US`). Shared by the disease dictionary and the gazetteer.
 */

export interface PhraseMatch<T> {
  text: string;
  start: number;
  end: number;
  payloads: readonly T[];
}

interface Phrase<T> {
  phrase: string;
  folded: string;
  exactCase: boolean;
  latin: boolean;
  payloads: T[];
}

const wordChar = /[A-Za-z0-9\u00c0-\u024f]/;

function isLatinPhrase(phrase: string): boolean {
  return /^[A-Za-z0-9\u00c0-\u024f]/.test(phrase);
}

/** Lower case that keeps every offset (İ would otherwise become two code units and shift the rest). */
function foldCase(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    const lower = char.toLowerCase();
    folded += lower.length === char.length ? lower : char;
  }
  return folded;
}

/**
 * Phrases sharing their first two (folded) characters, looked up by length and then by folded text:
 * a position costs one map lookup per distinct phrase length, not one comparison per phrase.
 */
interface Bucket<T> {
  /** Distinct phrase lengths, longest first. */
  lengths: number[];
  byFolded: Map<string, Phrase<T>[]>;
}

export class PhraseMatcher<T> {
  private readonly byKey = new Map<string, Bucket<T>>();
  private readonly byPhrase = new Map<string, Phrase<T>>();

  /** Adds `phrase` meaning `payload`; a phrase added twice keeps every payload (ambiguous names). */
  add(phrase: string, payload: T, options: { exactCase?: boolean } = {}): void {
    if (phrase.length < 2) return;
    const exactCase = options.exactCase ?? false;
    const folded = foldCase(phrase);
    const mapKey = `${exactCase ? 'E' : 'F'}${exactCase ? phrase : folded}`;
    const existing = this.byPhrase.get(mapKey);
    if (existing) {
      if (!existing.payloads.includes(payload)) existing.payloads.push(payload);
      return;
    }
    const entry: Phrase<T> = { phrase, folded, exactCase, latin: isLatinPhrase(phrase), payloads: [payload] };
    this.byPhrase.set(mapKey, entry);
    const key = folded.slice(0, 2);
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = { lengths: [], byFolded: new Map() };
      this.byKey.set(key, bucket);
    }
    const sameText = bucket.byFolded.get(folded);
    if (sameText) sameText.push(entry);
    else bucket.byFolded.set(folded, [entry]);
    if (!bucket.lengths.includes(phrase.length)) {
      bucket.lengths.push(phrase.length);
      bucket.lengths.sort((a, b) => b - a);
    }
  }

  /** Every phrase found in `text`, left to right, longest first at each position, never overlapping. */
  findAll(text: string): PhraseMatch<T>[] {
    const folded = foldCase(text);
    const matches: PhraseMatch<T>[] = [];
    let at = 0;
    while (at < text.length - 1) {
      const match = this.matchAt(text, folded, at);
      if (match) {
        matches.push(match);
        at = match.end;
      } else {
        at += 1;
      }
    }
    return matches;
  }

  private matchAt(text: string, folded: string, at: number): PhraseMatch<T> | null {
    const bucket = this.byKey.get(folded.slice(at, at + 2));
    if (!bucket) return null;
    for (const length of bucket.lengths) {
      const end = at + length;
      if (end > text.length) continue;
      const candidates = bucket.byFolded.get(folded.slice(at, end));
      if (!candidates) continue;
      for (const candidate of candidates) {
        if (candidate.exactCase && !text.startsWith(candidate.phrase, at)) continue;
        if (candidate.latin && !this.atWordBoundaries(text, at, end)) continue;
        return { text: text.slice(at, end), start: at, end, payloads: candidate.payloads };
      }
    }
    return null;
  }

  private atWordBoundaries(text: string, start: number, end: number): boolean {
    const before = start === 0 ? '' : (text[start - 1] ?? '');
    const after = text[end] ?? '';
    const lastChar = text[end - 1] ?? '';
    // A phrase ending in punctuation ("E. coli.") needs no boundary after it.
    const needsAfterBoundary = wordChar.test(lastChar);
    return !wordChar.test(before) && (!needsAfterBoundary || !wordChar.test(after));
  }
}
