/**
 * Dates in news text, in Chinese and English: explicit ones (2024年3月5日, 3月5日, 5日, 2024-03-05,
 * March 5, 2024, 5 March, Mar. 5) and relative ones (今天, 昨日, 前天, 3天前, 周二, yesterday, on Tuesday,
 * three days ago) resolved against the item's publication date. A date without a year takes the
 * publication year, or the year before when that would put it more than a week after publication.
 */
import type { DateMention } from '../types.js';
import { parseChineseNumber } from '../numbers/chinese-numerals.js';
import { parseEnglishNumber } from '../numbers/english-numbers.js';
import { addCalendarDays, daysBetween, makeDate, weekdayOf } from './calendar.js';

const monthNumber: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const englishWeekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const chineseWeekdays: Readonly<Record<string, number>> = {
  日: 0,
  天: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
};

/** How far after publication a year-less date may fall before it is read as last year's (reports look back). */
const FUTURE_TOLERANCE_DAYS = 7;

const chineseSmallNumber = '[0-9]{1,2}|[一二三四五六七八九十]{1,3}';
const monthNames = Object.keys(monthNumber)
  .sort((a, b) => b.length - a.length)
  .join('|');

interface DateRule {
  pattern: RegExp;
  kind: DateMention['kind'];
  resolve: (match: RegExpExecArray, reference: string) => string | null;
}

function numberOf(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  return /^\d+$/.test(text) ? Number(text) : (parseChineseNumber(text) ?? Number.NaN);
}

/** A month and day without a year: the publication year unless that lands well after publication. */
function withInferredYear(month: number, day: number, reference: string): string | null {
  const year = Number(reference.slice(0, 4));
  const sameYear = makeDate(year, month, day);
  if (sameYear === null) return makeDate(year - 1, month, day);
  return daysBetween(reference, sameYear) > FUTURE_TOLERANCE_DAYS ? makeDate(year - 1, month, day) : sameYear;
}

/** The most recent `weekday` on or before the reference date. */
function lastWeekday(weekday: number, reference: string): string {
  const back = (weekdayOf(reference) - weekday + 7) % 7;
  return addCalendarDays(reference, -back);
}

const rules: readonly DateRule[] = [
  {
    pattern: /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g,
    kind: 'explicit',
    resolve: (m) => makeDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    pattern: new RegExp(
      `(\\d{4}|[〇零一二三四五六七八九]{4})年(${chineseSmallNumber})月(${chineseSmallNumber})[日号]`,
      'g',
    ),
    kind: 'explicit',
    resolve: (m) => makeDate(numberOf(m[1]), numberOf(m[2]), numberOf(m[3])),
  },
  {
    pattern: new RegExp(`(?<![0-9年])(${chineseSmallNumber})月(${chineseSmallNumber})[日号]`, 'g'),
    kind: 'explicit',
    resolve: (m, reference) => withInferredYear(numberOf(m[1]), numberOf(m[2]), reference),
  },
  {
    // "据卫生部4日消息": a day of the publication month (or the one before, if that day is still to come).
    // Not "7日内" (within seven days) nor "数日".
    pattern: /(?<![0-9月数几])([0-9]{1,2})[日号](?![内前后以之楼线院房室床])/g,
    kind: 'explicit',
    resolve: (m, reference) => {
      const day = Number(m[1]);
      const year = Number(reference.slice(0, 4));
      const month = Number(reference.slice(5, 7));
      const inMonth = makeDate(year, month, day);
      if (inMonth && daysBetween(reference, inMonth) <= 1) return inMonth;
      return month === 1 ? makeDate(year - 1, 12, day) : makeDate(year, month - 1, day);
    },
  },
  {
    pattern: /大前天|前天|前日|昨天|昨日|昨晚|昨夜|今天|今日|今晨|今早|今晚|当天|当日/g,
    kind: 'relative',
    resolve: (m, reference) => {
      const word = m[0];
      if (word === '大前天') return addCalendarDays(reference, -3);
      if (word.startsWith('前')) return addCalendarDays(reference, -2);
      if (word.startsWith('昨')) return addCalendarDays(reference, -1);
      return reference;
    },
  },
  {
    pattern: new RegExp(`(${chineseSmallNumber}|两)[天日]前`, 'g'),
    kind: 'relative',
    resolve: (m, reference) => addCalendarDays(reference, -(m[1] === '两' ? 2 : numberOf(m[1]))),
  },
  {
    pattern: /(?:上)?(?:周|星期|礼拜)([一二三四五六日天])/g,
    kind: 'relative',
    resolve: (m, reference) => {
      const weekday = chineseWeekdays[m[1] ?? ''] ?? 0;
      const recent = lastWeekday(weekday, reference);
      return m[0].startsWith('上') ? addCalendarDays(recent, -7) : recent;
    },
  },
  {
    pattern: new RegExp(`\\b(${monthNames})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'gi'),
    kind: 'explicit',
    resolve: (m, reference) => {
      const month = monthNumber[(m[1] ?? '').toLowerCase()] ?? 0;
      const day = Number(m[2]);
      return m[3] ? makeDate(Number(m[3]), month, day) : withInferredYear(month, day, reference);
    },
  },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (${monthNames})\\.?(?:,? (\\d{4}))?\\b`, 'gi'),
    kind: 'explicit',
    resolve: (m, reference) => {
      const month = monthNumber[(m[2] ?? '').toLowerCase()] ?? 0;
      const day = Number(m[1]);
      return m[3] ? makeDate(Number(m[3]), month, day) : withInferredYear(month, day, reference);
    },
  },
  {
    pattern:
      /\b(today|this morning|this afternoon|this evening|tonight|yesterday|last night|the day before yesterday)\b/gi,
    kind: 'relative',
    resolve: (m, reference) => {
      const phrase = (m[1] ?? '').toLowerCase();
      if (phrase === 'the day before yesterday') return addCalendarDays(reference, -2);
      if (phrase === 'yesterday' || phrase === 'last night') return addCalendarDays(reference, -1);
      return reference;
    },
  },
  {
    pattern: /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) days? ago\b/gi,
    kind: 'relative',
    resolve: (m, reference) => {
      const count = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : (parseEnglishNumber(m[1] ?? '') ?? Number.NaN);
      return Number.isFinite(count) ? addCalendarDays(reference, -count) : null;
    },
  },
  {
    pattern: /\b(?:on|last|since|from|by) (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    kind: 'relative',
    resolve: (m, reference) => {
      const weekday = englishWeekdays.indexOf((m[1] ?? '').toLowerCase());
      return weekday < 0 ? null : lastWeekday(weekday, reference);
    },
  },
];

/**
 * Every date in `text` (normalised), resolved against `reference` (YYYY-MM-DD, the publication date),
 * in text order; where two readings overlap, the longer one is kept (2024年3月5日 over 5日).
 */
export function findDateMentions(text: string, reference: string): DateMention[] {
  const found: DateMention[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule.pattern)) {
      const date = rule.resolve(match, reference);
      if (date === null) continue;
      found.push({
        text: match[0],
        start: match.index,
        end: match.index + match[0].length,
        date,
        kind: rule.kind,
      });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateMention[] = [];
  for (const mention of found) {
    if (kept.some((k) => k.start < mention.end && mention.start < k.end)) continue;
    kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The date an item's event happened, as far as the text tells: the latest mentioned date not after
 * publication (reports end with the newest figure), else the publication date itself.
 */
export function eventDateOf(mentions: readonly DateMention[], reference: string): string {
  let latest: string | null = null;
  for (const mention of mentions) {
    if (mention.date > reference) continue;
    if (latest === null || mention.date > latest) latest = mention.date;
  }
  return latest ?? reference;
}
