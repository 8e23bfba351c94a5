/**
 * Chinese numerals as news writes them: 十三, 二十一, 一百零五, 两千三百, 1.2万, 3千, 12万5000, 二〇二四,
 * and the colloquial elision 一百五 (= 150), 三万五 (= 35 000), where a digit after a unit counts in the
 * next lower unit. Financial forms (壹贰叁…拾佰仟) read the same.
 */
import { tidyDecimal } from './tidy-decimal.js';

const digitValue: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const smallUnitValue: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const largeUnitValue: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** Characters that can appear in a Chinese number expression (besides ASCII digits, `.` and `,`). */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

type NumeralToken =
  | { kind: 'digit'; value: number; chinese: boolean }
  | { kind: 'zero' }
  | { kind: 'small-unit'; value: number }
  | { kind: 'large-unit'; value: number };

function tokenize(text: string): NumeralToken[] | null {
  const tokens: NumeralToken[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const arabic = /^\d+(?:,\d{3})*(?:\.\d+)?|^\d+(?:\.\d+)?/.exec(text.slice(i));
    if (arabic) {
      tokens.push({ kind: 'digit', value: Number(arabic[0].replaceAll(',', '')), chinese: false });
      i += arabic[0].length;
      continue;
    }
    const digit = digitValue[char];
    if (digit === 0) tokens.push({ kind: 'zero' });
    else if (digit !== undefined) tokens.push({ kind: 'digit', value: digit, chinese: true });
    else if (smallUnitValue[char] !== undefined)
      tokens.push({ kind: 'small-unit', value: smallUnitValue[char] });
    else if (largeUnitValue[char] !== undefined)
      tokens.push({ kind: 'large-unit', value: largeUnitValue[char] });
    else return null;
    i += 1;
  }
  return tokens;
}

/** 二〇二四 → 2024: Chinese digits with no unit read positionally, as years and phone numbers are written. */
function readPositional(tokens: NumeralToken[]): number | null {
  if (tokens.length < 2) return null;
  let value = 0;
  for (const token of tokens) {
    if (token.kind === 'zero') value = value * 10;
    else if (token.kind === 'digit' && token.chinese) value = value * 10 + token.value;
    else return null;
  }
  return value;
}

/**
 * The value of a Chinese (or mixed Arabic–Chinese) number expression, or null when `text` is not one.
 * The whole of `text` must be the number; callers find the span.
 */
export function parseChineseNumber(text: string): number | null {
  const tokens = tokenize(text.trim());
  if (tokens === null || tokens.length === 0) return null;
  if (tokens.every((t) => t.kind === 'digit' || t.kind === 'zero')) {
    if (tokens.length === 1) return tokens[0]?.kind === 'digit' ? tokens[0].value : 0;
    return readPositional(tokens);
  }

  let aboveYi = 0; // everything already multiplied by 亿
  let aboveWan = 0; // everything already multiplied by 万 (below 亿)
  let section = 0; // below 万
  let pending: number | null = null; // a digit not yet given a unit
  let pendingIsChineseDigit = false;
  let lastUnit = 0; // unit just before the pending digit, 0 when a 零 or nothing separates them
  for (const token of tokens) {
    switch (token.kind) {
      case 'digit':
        if (pending !== null) return null; // two digits in a row outside positional form
        pending = token.value;
        pendingIsChineseDigit = token.chinese;
        break;
      case 'zero':
        if (pending !== null) return null;
        lastUnit = 0;
        break;
      case 'small-unit':
        // 十三 has no leading digit: 十 alone means one ten.
        section += (pending ?? 1) * token.value;
        pending = null;
        lastUnit = token.value;
        break;
      case 'large-unit': {
        // Everything below this unit since the previous one of at least its size is multiplied by it;
        // a bare 万 or 亿 means one of it.
        if (token.value === 1e8) {
          aboveYi += (aboveWan + section + (pending ?? 0) || 1) * token.value;
          aboveWan = 0;
        } else {
          aboveWan += (section + (pending ?? 0) || 1) * token.value;
        }
        section = 0;
        pending = null;
        lastUnit = token.value;
        break;
      }
    }
  }
  if (pending !== null) {
    // 一百五 = 150 and 三万五 = 35 000: a bare digit right after a unit counts in the next lower unit.
    const elided = pendingIsChineseDigit && lastUnit >= 100 ? lastUnit / 10 : 1;
    section += pending * elided;
  }
  return tidyDecimal(aboveYi + aboveWan + section);
}
