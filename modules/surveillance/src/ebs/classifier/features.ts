/**
 * What the relevance classifier sees of an item: Chinese character bigrams and trigrams (Chinese has no
 * spaces, and two- or three-character n-grams carry most of its words: 疫情, 确诊, 聚集性), English
 * lower-cased stemmed words and word bigrams (outbreak of goals ≠ outbreak of measles), and a few
 * language-independent cue features shared by both languages (a disease is named, a case count is
 * stated, an event word or a non-event word appears), so what is learnt in one language helps the other.
 */
import type { NewsItem } from '../types.js';
import { findCountMentions } from '../extraction/count-extraction.js';
import { findDiseaseMentions } from '../extraction/disease-extraction.js';
import { normalizeNewsText, isHan } from '../text/normalize.js';
import { stemEnglish } from '../text/stem.js';

/** English words too common to say anything about relevance. */
const englishStopWords = new Set(
  'a an the and or of in on at to for from by with as is are was were be been has have had it its this that these those said says will would than then there their they he she his her we our you your not no but which who whom also after before into over about more most up out one'.split(
    ' ',
  ),
);

/**
 * Words that report an event (an outbreak, cases, a cluster, a school closed for illness) or that
 * mark items about something else (business, research, history, advice, policy, drills, metaphors).
 * Both languages map to the same cue features.
 */
const eventCues =
  /疫情|聚集|暴发|爆发|确诊|病例|感染者|新增|累计|停课|发病|死亡|住院|发热|呕吐|腹泻|outbreak|cluster|confirmed|cases|infected|fell ill|died|deaths|hospitali[sz]ed|suspended classes|sickened|tested positive|death toll/gi;
const nonEventCues =
  /股价|营收|收入|上市|获批|研发|研究|论文|资助|项目|演练|模拟|回顾|周年|纪念|历史|提醒|建议|预防|知识|指南|科普|条例|法律|修订|政策|方案|招聘|票房|电影|游戏|比赛|联赛|进球|病毒式|股市|板块|shares|stock|revenue|profit|approval|approved|study|research|researchers|funding|grant|drill|exercise|simulat|anniversary|years ago|remember|history|tips|advice|how to|guide|explainer|law|policy|strategy|film|game|goals|match|season|viral video|market|investors|recall/gi;

/** The feature multiset of one item: feature name → occurrences. */
export function itemFeatures(item: Pick<NewsItem, 'title' | 'text' | 'lang'>): Map<string, number> {
  const text = normalizeNewsText(`${item.title}\n${item.text}`);
  const features = new Map<string, number>();
  const add = (feature: string, count = 1): void => {
    features.set(feature, (features.get(feature) ?? 0) + count);
  };

  // Chinese: n-grams inside each run of Han characters.
  for (const run of text.match(/[\u3400-\u4dbf\u4e00-\u9fff]+/g) ?? []) {
    const chars = [...run].filter(isHan);
    for (let i = 0; i + 1 < chars.length; i += 1) add(`zh2:${chars[i]}${chars[i + 1]}`);
    for (let i = 0; i + 2 < chars.length; i += 1) add(`zh3:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  }
  // English (and Latin tokens in Chinese text): stemmed words and bigrams of content words.
  const words = (text.match(/[A-Za-z][A-Za-z'-]*/g) ?? [])
    .map((w) => w.toLowerCase().replace(/'s$/, ''))
    .filter((w) => !englishStopWords.has(w))
    .map(stemEnglish);
  for (const word of words) add(`w:${word}`);
  for (let i = 0; i + 1 < words.length; i += 1) add(`w2:${words[i]}_${words[i + 1]}`);

  // Cues shared across languages.
  const diseases = findDiseaseMentions(text, item.lang).filter((m) => !m.hypothetical);
  if (diseases.length > 0) add('cue:disease');
  const counts = findCountMentions(text, item.lang);
  if (counts.some((c) => c.measure === 'cases' || c.measure === 'hospitalised')) add('cue:case-count');
  if (counts.some((c) => c.measure === 'deaths')) add('cue:death-count');
  add('cue:event-word', Math.min(3, text.match(eventCues)?.length ?? 0));
  add('cue:non-event-word', Math.min(3, text.match(nonEventCues)?.length ?? 0));
  add(`cue:lang-${item.lang}`);
  for (const [feature, count] of features) if (count === 0) features.delete(feature);
  return features;
}
