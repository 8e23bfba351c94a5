/**
 * English cardinal numbers as news writes them: digits with thousands separators (3,400), decimals
 * with a scale word (1.2 million), number words (twenty-one, one hundred and five, a dozen).
 */
import { tidyDecimal } from './tidy-decimal.js';

const unitWords: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};

const scaleWords: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
};

/** Every word that can be part of an English number expression (besides `a` and `and`). */
export function isEnglishNumberWord(word: string): boolean {
  const lower = word.toLowerCase();
  return lower in unitWords || lower in scaleWords;
}

const numericToken = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;

/**
 * The value of an English number expression (`twenty-one`, `1.2 million`, `3,400`, `a dozen`), or
 * null when `text` is not one as a whole.
 */
export function parseEnglishNumber(text: string): number | null {
  const words = text
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== 'and');
  if (words.length === 0) return null;
  let total = 0;
  let current = 0;
  let sawNumber = false;
  for (const [index, word] of words.entries()) {
    if (word === 'a' || word === 'an') {
      // "a hundred", "a dozen": the article stands for one, and only before a scale word or dozen.
      const next = words[index + 1];
      if (next === undefined || (!(next in scaleWords) && next !== 'dozen')) return null;
      current += 1;
      continue;
    }
    if (numericToken.test(word)) {
      if (sawNumber && current !== 0) return null;
      current += Number(word.replaceAll(',', ''));
      sawNumber = true;
      continue;
    }
    const unit = unitWords[word];
    if (unit !== undefined) {
      if (word === 'dozen') current = (current || 1) * 12;
      else current += unit;
      sawNumber = true;
      continue;
    }
    const scale = scaleWords[word];
    if (scale === undefined) return null;
    if (!sawNumber && current === 0) return null;
    if (scale === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * scale;
      current = 0;
    }
    sawNumber = true;
  }
  return tidyDecimal(total + current);
}
