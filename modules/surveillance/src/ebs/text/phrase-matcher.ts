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

/** Index key: the first two characters, lower-cased. Every phrase has at least two. */
function keyOf(text: string, at: number): string {
  return text.slice(at, at + 2).toLowerCase();
}

export class PhraseMatcher<T> {
  private readonly byKey = new Map<string, Phrase<T>[]>();
  private readonly byPhrase = new Map<string, Phrase<T>>();
  private sorted = true;

  /** Adds `phrase` meaning `payload`; a phrase added twice keeps every payload (ambiguous names). */
  add(phrase: string, payload: T, options: { exactCase?: boolean } = {}): void {
    if (phrase.length < 2) return;
    const exactCase = options.exactCase ?? false;
    const mapKey = `${exactCase ? 'E' : 'F'}${exactCase ? phrase : phrase.toLowerCase()}`;
    const existing = this.byPhrase.get(mapKey);
    if (existing) {
      if (!existing.payloads.includes(payload)) existing.payloads.push(payload);
      return;
    }
    const entry: Phrase<T> = {
      phrase,
      folded: phrase.toLowerCase(),
      exactCase,
      latin: isLatinPhrase(phrase),
      payloads: [payload],
    };
    this.byPhrase.set(mapKey, entry);
    const key = phrase.slice(0, 2).toLowerCase();
    const bucket = this.byKey.get(key);
    if (bucket) bucket.push(entry);
    else this.byKey.set(key, [entry]);
    this.sorted = false;
  }

  /** Every phrase found in `text`, left to right, longest first at each position, never overlapping. */
  findAll(text: string): PhraseMatch<T>[] {
    this.sortBuckets();
    const folded = text.toLowerCase();
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
    const bucket = this.byKey.get(keyOf(text, at));
    if (!bucket) return null;
    for (const candidate of bucket) {
      const end = at + candidate.phrase.length;
      if (end > text.length) continue;
      const found = candidate.exactCase
        ? text.startsWith(candidate.phrase, at)
        : folded.startsWith(candidate.folded, at);
      if (!found) continue;
      if (candidate.latin && !this.atWordBoundaries(text, at, end)) continue;
      return { text: text.slice(at, end), start: at, end, payloads: candidate.payloads };
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

  private sortBuckets(): void {
    if (this.sorted) return;
    for (const bucket of this.byKey.values()) bucket.sort((a, b) => b.phrase.length - a.phrase.length);
    this.sorted = true;
  }
}
