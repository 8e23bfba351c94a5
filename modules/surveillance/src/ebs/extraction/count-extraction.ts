/**
 * Case, death and hospitalisation counts in news text.
 *
 * Chinese: a number (Arabic, Chinese numerals or mixed, 1.2万) with a person classifier (例, 名, 人, 位,
 * 宗) read in its clause: 死亡/死于 next to it make it deaths, 住院 hospitalisations, and a case cue
 * (病例, 确诊, 感染, 发热 …) in the clause, or in the sentence when the clause has none (累计17名), cases.
 * English: a number (digits or words) is a count of whatever measure word follows it first within the
 * sentence (cases, deaths, hospitalised, fell ill …), else of the verb before it (killed 79 people,
 * cases rose to 300); a lone `a`/`one` person or case counts one. Either way the text around says
 * whether the count is new (新增, new) or a running total (累计, 截至, a total of, so far). Counts of
 * contacts, vaccinations, visits (人次) and animals are not case counts; ordinals (第4例) are not counts.
 */
import type { CountMeasure, CountMention, CountScope } from '../types.js';
import { parseChineseNumber } from '../numbers/chinese-numerals.js';
import { parseEnglishNumber } from '../numbers/english-numbers.js';

const chineseCount =
  /(\d+(?:,\d{3})*(?:\.\d+)?[万亿千]?|[零〇一二两三四五六七八九十百千万亿]{1,12})(余|多)?(例|名|人|位|宗)/g;

/** Characters after a classifier that make it something else: 人次 (visits), 人口, 人员, 名单, 例如. */
const notAPersonCount: Readonly<Record<string, RegExp>> = {
  人: /^[次口员群士份们类体工]/,
  名: /^[单字义额次列]/,
  例: /^[如外]/,
  位: /^[置于数]/,
  宗: /^[教旨族]/,
};

const chineseClauseBreak = /[，,。；;！!？?\n：:]/;
const chineseSentenceBreak = /[。；;！!？?\n]/;
const chineseDeathAfter =
  /^[^，,。；;、0-9零一二两三四五六七八九十]{0,4}?(死亡|死于|病亡|身亡|不治|殒命|丧生)|^[^，,。；;、]{0,14}?死亡病例/;
/** One person whose sentence ends in death: 一名52岁男子感染H5N1禽流感后死亡. */
const chineseSingleDeath = /^[^。；;！!？?]{0,40}?(死亡|死于|病亡|身亡|不治)/;
const chineseDeathBefore = /(死亡|病亡|致死)[^，,。；;]{0,6}$/;
const chineseHospitalAfter = /^[^，,。；;]{0,6}?(住院|入院|转入ICU|入住ICU|重症监护)/;
const chineseHospitalBefore = /(住院|入院)[^，,。；;]{0,6}$/;
const chineseCaseCue =
  /病例|确诊|感染|患者|患儿|病人|发病|阳性|症状|发热|发烧|高热|呕吐|腹泻|腹痛|咳嗽|不适|中毒|就医|就诊|送医|救治|个案|疑似|无症状|出疹|疱疹|肿大|治疗|康复|痊愈|重症/;
const chineseExclusion =
  /密切接触|密接|接触者|接种|补种|疫苗|医学观察|健康监测|扑杀|志愿者|派出|出动|培训|参加|参赛|招聘|惠及|参会|工作人员|医护人员|专家|暴露后处置/;
const chineseNewCue = /新增|新发|新报告|新确诊|新检出|新发现|新感染|日增/;
const chineseCumulativeCue =
  /累计|总计|合计|共计|共有|共报告|共发现|截至|迄今|至今|已达|达到|增至|升至|上升至|突破|本轮|以来|全年/;

interface Surroundings {
  before: string;
  after: string;
  sentenceBefore: string;
  sentenceAfter: string;
  /** The count is one person (一名, 一位, 1名). */
  single: boolean;
}

function chineseSurroundings(text: string, start: number, end: number, single: boolean): Surroundings {
  let from = start;
  while (from > 0 && !chineseClauseBreak.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && !chineseClauseBreak.test(text[to] ?? '')) to += 1;
  let sentenceFrom = from;
  while (sentenceFrom > 0 && !chineseSentenceBreak.test(text[sentenceFrom - 1] ?? '')) sentenceFrom -= 1;
  let sentenceTo = to;
  while (sentenceTo < text.length && !chineseSentenceBreak.test(text[sentenceTo] ?? '')) sentenceTo += 1;
  return {
    before: text.slice(from, start),
    after: text.slice(end, to),
    sentenceBefore: text.slice(sentenceFrom, from),
    sentenceAfter: text.slice(end, sentenceTo),
    single,
  };
}

function chineseScope(before: string): CountScope {
  if (chineseNewCue.test(before)) return 'new';
  if (chineseCumulativeCue.test(before)) return 'cumulative';
  return 'unspecified';
}

function chineseMeasure(classifier: string, around: Surroundings): CountMeasure | null {
  const { before, after, sentenceBefore } = around;
  if (chineseDeathAfter.test(after) || chineseDeathBefore.test(before)) return 'deaths';
  if (around.single && chineseSingleDeath.test(around.sentenceAfter)) return 'deaths';
  if (chineseHospitalAfter.test(after) || chineseHospitalBefore.test(before)) return 'hospitalised';
  // Contacts, vaccinees and staff are counted right next to their number (46名密切接触者, 密接人员中又检出11名).
  if (chineseExclusion.test(before.slice(-8)) || chineseExclusion.test(after.slice(0, 8))) return null;
  if (classifier === '例' || classifier === '宗') return 'cases';
  if (chineseCaseCue.test(before + after)) return 'cases';
  if (chineseCumulativeCue.test(before) && chineseCaseCue.test(sentenceBefore)) return 'cases';
  return null;
}

/** 首例 (the first case): one case, or one death when it is 首例死亡病例. */
const chineseFirstCase = /首例(死亡)?/g;

function findChineseCounts(text: string): CountMention[] {
  const counts: CountMention[] = [];
  for (const match of text.matchAll(chineseFirstCase)) {
    const start = match.index;
    const end = start + match[0].length;
    const measure: CountMeasure = match[1] ? 'deaths' : 'cases';
    counts.push({ text: match[0], start, end, measure, value: 1, scope: 'unspecified' });
  }
  for (const match of text.matchAll(chineseCount)) {
    const [whole, numeral = '', , classifier = ''] = match;
    const start = match.index;
    const end = start + whole.length;
    if (notAPersonCount[classifier]?.test(text.slice(end))) continue;
    // Part of a longer number, an ordinal (第4例) or a range end (3至5人) is not a count on its own.
    if (/[0-9.第]/.test(text[start - 1] ?? '')) continue;
    if (/[至到~-]/.test(text[start - 1] ?? '') && /[0-9零一二两三四五六七八九十]/.test(text[start - 2] ?? ''))
      continue;
    const value = parseChineseNumber(numeral);
    if (value === null || value <= 0) continue;
    const around = chineseSurroundings(text, start, end, value === 1 && classifier !== '例');
    const measure = chineseMeasure(classifier, around);
    if (measure === null) continue;
    counts.push({ text: whole, start, end, measure, value, scope: chineseScope(around.before) });
    // 一名男子感染H5N1禽流感后死亡: one person who was a case and died.
    if (measure === 'deaths' && around.single && /感染|确诊|患/.test(around.after + around.sentenceAfter)) {
      counts.push({ text: whole, start, end, measure: 'cases', value, scope: 'unspecified' });
    }
  }
  return counts;
}

const numberWord =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)';
const englishCount = new RegExp(
  `(?<![\\w$.,-])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?: (?:million|thousand|billion))?(?![\\w,.]?\\d)` +
    `|\\b(?:an? )?${numberWord}(?:(?:[ -]| and )${numberWord})*\\b`,
  'gi',
);

/** Words after a number that say it counts something other than people. */
const unitWordsAfter = new Set([
  'percent',
  'per',
  'year',
  'years',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'hour',
  'hours',
  'minute',
  'minutes',
  'time',
  'times',
  'school',
  'schools',
  'kindergarten',
  'kindergartens',
  'state',
  'states',
  'province',
  'provinces',
  'country',
  'countries',
  'district',
  'districts',
  'region',
  'regions',
  'county',
  'counties',
  'city',
  'cities',
  'village',
  'villages',
  'hospital',
  'hospitals',
  'bed',
  'beds',
  'dose',
  'doses',
  'sample',
  'samples',
  'test',
  'tests',
  'visit',
  'visits',
  'metre',
  'metres',
  'meter',
  'meters',
  'kilometres',
  'km',
  'yuan',
  'dollars',
  'euros',
  'pounds',
  'hens',
  'birds',
  'chickens',
  'poultry',
  'cattle',
  'cows',
  'sheep',
  'pigs',
  'dogs',
  'cats',
  'animals',
  'contacts',
  'close',
  'mu',
  'tonnes',
  'classes',
  'classrooms',
  'grades',
  'teams',
  'clinics',
  'centres',
  'centers',
  'farms',
  'flights',
  'stores',
  'jobs',
  'objects',
  'delegates',
  'experts',
  'volunteers',
  'nurses',
  'doctors',
  'outpatient',
  'emergency',
  'wastewater',
  'panchayats',
  'boroughs',
  'care',
  'homes',
  'buildings',
  'households',
  'markets',
  'stalls',
]);

const deathWords = /^(?:deaths?|dead|died|die|dies|fatal|fatalities|fatality|killed|lives)$/;
const hospitalWords = /^(?:hospitali[sz]ed|hospitali[sz]ations?|admitted|icu|intensive)$/;
const caseWords =
  /^(?:cases?|infections?|infected|patients?|ill|illness|sick|sickened|positive|diagnosed|symptoms?|fever|vomiting|diarrhoea|diarrhea|pains?|treated|treatment|contracted|developed|affected|swollen|rash|confirmed|notifications)$/;
const exclusionWords = /^(?:contacts|received|vaccinated|culled|observation|monitored|bitten|bites)$/;
/** Words after which a following number is no longer this count's: the next count starts there. */
const stopWords = /^(?:but|while|whereas|among|with|compared|than)$/;

/** "has killed at least 79 people", "death toll rose to 12", "deaths rise above 300". */
const deathVerbBefore =
  /\b(?:killed|kills|killing|claimed|death toll|deaths?)(?:\s+(?:has|have|had|rose|rises|risen|climbed|climbs|reached|reaches|stood|stands|passed|passes|pass|topped|at|to|above|past|least|more|than|now|of|nearly|almost|over))*\s*$/i;
/** "cases rose to 25,900", "the number of sick students rose to 52". */
const movementBefore =
  /\b(?:rose|rises|risen|jumped|climbed|increased|grew|grown|reached|passed|topped|tops?|exceeded|surpassed|hit|stood|recorded|reported|has|have)(?:\s+(?:to|at|above|past|over|more|than|nearly|almost|some|about|around))*\s*$/i;
const caseNounBefore = /\b(?:cases|infections|notifications|patients|sick|ill|illnesses|number of)\b/i;
/** "sickens 27 pupils", "a fever cluster among 23 workers". */
const caseVerbBefore =
  /\b(?:sickens|sickened|sickening|infects|infected|infecting|affecting|affects|strikes|hits|(?:cluster|outbreak|illness|infections?|cases) (?:among|affecting|in))(?:\s+(?:at|least|more|than|nearly|almost|some|about|around))*\s*$/i;
const englishNewCue = /\b(?:new|newly|fresh|additional|further|more)\b/i;
const englishCumulativeCue =
  /\b(?:a total of|total|totalled|cumulative|so far|to date|since|reached|rose to|risen to|grown to|climbed to|passed|topped|tops|surpassed|exceeds?|now|this year|in all|overall|increased to)\b/i;

function englishSentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  const isBreak = (at: number): boolean =>
    /[;!?\n]/.test(text[at] ?? '') ||
    (text[at] === '.' &&
      /\s/.test(text[at + 1] ?? ' ') &&
      !/\b(?:Mr|Dr|St|No)$/.test(text.slice(Math.max(0, at - 3), at)));
  let from = start;
  while (from > 0 && !isBreak(from - 1)) from -= 1;
  let to = end;
  while (to < text.length && !isBreak(to)) to += 1;
  return { before: text.slice(from, start), after: text.slice(end, to) };
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z%]+|\d[\d,.]*/g) ?? [];
}

/** The measure named by the first measure word after the number, up to the next count or clause. */
/** How near a death word must follow the number to win over a case noun before it ("three patients have died"). */
const DEATH_WORD_REACH = 6;

function measureAfter(after: string): CountMeasure | 'excluded' | null {
  const words = wordsOf(after).slice(0, 20);
  // "three patients have died": a death word close by, before the next number, makes it deaths.
  for (const [index, word] of words.entries()) {
    if (index >= DEATH_WORD_REACH || isNumberWord(word) || stopWords.test(word) || word === 'and') break;
    if (deathWords.test(word)) return 'deaths';
  }
  for (const word of words) {
    if (deathWords.test(word)) return 'deaths';
    if (hospitalWords.test(word)) return 'hospitalised';
    if (exclusionWords.test(word)) return 'excluded';
    if (caseWords.test(word)) return 'cases';
    if (stopWords.test(word)) return null;
  }
  return null;
}

function isNumberWord(word: string): boolean {
  return /^\d/.test(word) || new RegExp(`^${numberWord}$`).test(word);
}

function englishScope(before: string, after: string): CountScope {
  const firstAfter = wordsOf(after).slice(0, 3).join(' ');
  const lastBefore = wordsOf(before).slice(-2).join(' ');
  if (englishNewCue.test(firstAfter) || /\bnew\b/.test(lastBefore)) return 'new';
  if (englishCumulativeCue.test(wordsOf(before).slice(-6).join(' '))) return 'cumulative';
  if (englishCumulativeCue.test(wordsOf(after).slice(0, 12).join(' '))) return 'cumulative';
  return 'unspecified';
}

function findEnglishNumberCounts(text: string): CountMention[] {
  const counts: CountMention[] = [];
  for (const match of text.matchAll(englishCount)) {
    const raw = match[0];
    if (/^an? /i.test(raw) === false && /^(?:a|an)$/i.test(raw)) continue;
    const value = parseEnglishNumber(raw);
    if (value === null || value <= 0) continue;
    const start = match.index;
    const end = start + raw.length;
    const { before, after } = englishSentenceAround(text, start, end);
    const nextWord = wordsOf(after)[0] ?? '';
    if (unitWordsAfter.has(nextWord) || /^\s*%/.test(after) || /^-(?:year|month|day|week)/.test(after))
      continue;
    if (/^\d{4}$/.test(raw) && value >= 1900 && value <= 2100) continue; // a year
    if (/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$/i.test(before)) continue; // a date
    if (/\b(?:aged|age|ages|from|between|under|over)\s*$/i.test(before)) continue; // an age or a range
    if (/^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(after)) continue; // 19 March
    const nearBefore = before.slice(-60);
    let measure: CountMeasure | null = null;
    if (deathVerbBefore.test(nearBefore)) measure = 'deaths';
    else if (caseVerbBefore.test(nearBefore)) measure = 'cases';
    else {
      const named = measureAfter(after);
      if (named === 'excluded') continue;
      if (named !== null) measure = named;
      else if (movementBefore.test(nearBefore) && caseNounBefore.test(before.slice(-80))) measure = 'cases';
    }
    if (measure === null) continue;
    counts.push({ text: raw, start, end, measure, value, scope: englishScope(before, after) });
  }
  return counts;
}

const singlePerson =
  /\b(?:a|an|one|first)\s+(?:[\w'-]+\s+){0,4}?(?:man|woman|boy|girl|child|baby|infant|patient|person|herder|farmer|worker|traveller|traveler|resident|student|villager|teenager|businessman|case|infection)\b/gi;
const singleCaseCue =
  /\b(?:infected|infection|diagnosed|tested positive|case|confirmed|contracted|sick|ill)\b/i;
const singleDeathCue = /\b(?:died|dies|death|fatal|killed)\b/i;

/** "A 58-year-old woman … has been infected", "a case of mpox": one case (and one death if it says so). */
function findEnglishSingulars(text: string): CountMention[] {
  const counts: CountMention[] = [];
  for (const match of text.matchAll(singlePerson)) {
    const start = match.index;
    const end = start + match[0].length;
    const { after } = englishSentenceAround(text, start, end);
    const sentence = match[0] + after;
    if (/\b(?:vaccin|contacts?\b)/i.test(sentence.slice(0, 40))) continue;
    const isCaseNoun = /(?:case|infection)$/i.test(match[0]);
    if (isCaseNoun || singleCaseCue.test(sentence)) {
      counts.push({ text: match[0], start, end, measure: 'cases', value: 1, scope: 'unspecified' });
    }
    if (!isCaseNoun && singleDeathCue.test(sentence)) {
      counts.push({ text: match[0], start, end, measure: 'deaths', value: 1, scope: 'unspecified' });
    }
  }
  return counts;
}

/** Every case, death and hospitalisation count in `text` (normalised), in text order. */
export function findCountMentions(text: string, lang: 'zh' | 'en'): CountMention[] {
  if (lang === 'zh') return findChineseCounts(text);
  return [...findEnglishNumberCounts(text), ...findEnglishSingulars(text)].sort((a, b) => a.start - b.start);
}
