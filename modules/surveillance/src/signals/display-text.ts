/**
 * Shows an item as it was written while keeping the highlights extraction found in its normal form
 * (NFKC, straightened quotes, collapsed white space: `normalizeNewsText`): the normal form is rebuilt
 * character by character, remembering where each character came from, so a span of it maps back to
 * the original. Chinese text keeps its full-width punctuation (，。“”) on screen. When the rebuilt form
 * differs from the real one (NFKC composing across characters), the normal form is shown instead.
 */
import { normalizeNewsText } from '../ebs/text/normalize.js';
import { nonOverlapping } from './highlights.js';
import type { Highlight } from './signals.schema.js';

/** One UTF-16 unit of the normal form and the span of the original it came from. */
interface Unit {
  char: string;
  start: number;
  end: number;
}

/** The one-to-one replacements `normalizeNewsText` makes after NFKC. */
function straighten(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00a0/g, ' ');
}

function merged(char: string, from: Unit, to: Unit): Unit {
  return { char, start: from.start, end: to.end };
}

/** Runs of spaces and tabs become one space (`/[ \t\r\f\v]+/g`). */
function collapseSpaces(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length;) {
    if (!/[ \t\r\f\v]/.test(units[i]!.char)) out.push(units[i++]!);
    else {
      let j = i;
      while (j + 1 < units.length && /[ \t\r\f\v]/.test(units[j + 1]!.char)) j += 1;
      out.push(merged(' ', units[i]!, units[j]!));
      i = j + 1;
    }
  }
  return out;
}

/** A line break with the spaces and blank lines around it becomes one line break (the `/ ?\n[\n ]*` rule). */
function collapseLineBreaks(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length;) {
    const breakAt =
      units[i]!.char === '\n' ? i : units[i]!.char === ' ' && units[i + 1]?.char === '\n' ? i + 1 : -1;
    if (breakAt < 0) {
      out.push(units[i++]!);
      continue;
    }
    let j = breakAt;
    while (j + 1 < units.length && (units[j + 1]!.char === '\n' || units[j + 1]!.char === ' ')) j += 1;
    out.push(merged('\n', units[i]!, units[j]!));
    i = j + 1;
  }
  return out;
}

/** The normal form of `raw`, unit by unit with origins, or null when it cannot be aligned. */
export function alignNormalForm(raw: string): Unit[] | null {
  let units: Unit[] = [];
  let at = 0;
  for (const codePoint of raw) {
    const start = at;
    at += codePoint.length;
    const normal = straighten(codePoint.normalize('NFKC'));
    for (let k = 0; k < normal.length; k += 1) units.push({ char: normal[k]!, start, end: at });
  }
  units = collapseLineBreaks(collapseSpaces(units));
  let first = 0;
  let last = units.length;
  while (first < last && /\s/.test(units[first]!.char)) first += 1;
  while (last > first && /\s/.test(units[last - 1]!.char)) last -= 1;
  units = units.slice(first, last);
  return units.map((u) => u.char).join('') === normalizeNewsText(raw) ? units : null;
}

/**
 * The text to show for an item (its title, a line break, its text — as written when the highlights can
 * be mapped onto it, else the normal form) and the highlights in it.
 */
export function displayTextOf(
  item: { title: string; text: string },
  highlights: readonly Highlight[],
): { text: string; highlights: Highlight[] } {
  const raw = `${item.title}\n${item.text}`;
  const units = alignNormalForm(raw);
  if (!units) return { text: normalizeNewsText(raw), highlights: [...highlights] };
  const mapped = highlights
    .filter((h) => h.start >= 0 && h.end <= units.length && h.start < h.end)
    .map((h) => ({ kind: h.kind, start: units[h.start]!.start, end: units[h.end - 1]!.end }));
  return { text: raw, highlights: nonOverlapping(mapped, raw.length) };
}
