/**
 * Finds diseases in news text with the bilingual dictionary, and the subtypes that refine them:
 * influenza A HxNy (H1N1 and H3N2 are seasonal, any other is avian or a swine variant), SARS-CoV-2
 * lineages (XBB.1.5, JN.1), mpox clades (clade Ib / Ib亚分支) and norovirus genogroups (GII.4).
 */
import type { DiseaseMention, ExtractedDisease, NewsLanguage } from '../types.js';
import { PhraseMatcher } from '../text/phrase-matcher.js';
import { diseaseDictionary, findDiseaseEntry, seasonalInfluenzaSubtypes } from './diseases.js';

let matcher: PhraseMatcher<string> | null = null;

function diseaseMatcher(): PhraseMatcher<string> {
  if (matcher) return matcher;
  const built = new PhraseMatcher<string>();
  for (const entry of diseaseDictionary) {
    for (const synonym of [...entry.synonymsZh, ...entry.synonymsEn]) {
      const acronym = /^[A-Z0-9-]+$/.test(synonym);
      built.add(synonym, entry.id, { exactCase: acronym });
    }
  }
  matcher = built;
  return built;
}

interface SubtypeRule {
  pattern: RegExp;
  diseaseOf: (match: RegExpExecArray) => string;
  label: (match: RegExpExecArray) => string;
}

const subtypeRules: readonly SubtypeRule[] = [
  {
    // Influenza A subtypes, with the CDC's `v` suffix for swine-variant viruses found in people (H1N2v).
    pattern: /(?<![A-Za-z0-9])H(\d{1,2})N(\d{1,2})\)?(v?)(?![A-Za-z0-9])/g,
    diseaseOf: (m) =>
      m[3] === 'v' || seasonalInfluenzaSubtypes.has(`H${m[1]}N${m[2]}`) ? 'influenza' : 'avian-influenza',
    label: (m) => `H${m[1]}N${m[2]}${m[3] ?? ''}`,
  },
  {
    pattern:
      /(?<![A-Za-z0-9.])(XBB(?:\.\d+)*|JN\.1(?:\.\d+)*|KP\.\d+|BA\.\d+(?:\.\d+)*|EG\.5(?:\.\d+)*)(?![A-Za-z0-9])/g,
    diseaseOf: () => 'covid-19',
    label: (m) => m[1] ?? m[0],
  },
  {
    pattern: /clade\s+(I{1,2}[ab]?)(?![A-Za-z])|(I{1,2}[ab]?)\s?亚分支/gi,
    diseaseOf: () => 'mpox',
    label: (m) => `clade ${m[1] ?? m[2] ?? ''}`,
  },
  {
    pattern: /(?<![A-Za-z0-9])(GII(?:\.\d+)?|GI(?:\.\d+)?)(?:型)?(?![A-Za-z0-9])/g,
    diseaseOf: () => 'norovirus',
    label: (m) => m[1] ?? m[0],
  },
];

/**
 * Words that put the diseases after them in the same sentence in doubt: causes being ruled out or
 * tested for (排查恙虫病、钩端螺旋体病等可能病因; test for malaria, leptospirosis and Rift Valley fever).
 */
const hypotheticalCue =
  /排查|排除|怀疑|疑为|疑似为|可能为|可能是|是否为|鉴别|rule out|ruled out|test(?:ing|ed)? for|possible|possibly|such as|including|whether/i;
/** Chinese lists use 、, so a Chinese cue reaches to the comma; an English one to the end of the sentence. */
const scopeBreak: Readonly<Record<NewsLanguage, RegExp>> = {
  zh: /[。；;！!？?，,\n]/,
  en: /[;!?\n]|\.\s/,
};

/** A mention in doubt counts this much towards its disease; a stated one counts 1. */
export const HYPOTHETICAL_WEIGHT = 0.4;

function isHypothetical(text: string, start: number, lang: NewsLanguage): boolean {
  let from = start;
  while (from > 0 && !scopeBreak[lang].test(text.slice(from - 1, from + 1))) from -= 1;
  return hypotheticalCue.test(text.slice(from, start));
}

/** Every disease and subtype mention in `text` (normalised), in text order. */
export function findDiseaseMentions(text: string, lang: NewsLanguage): DiseaseMention[] {
  const mentions: DiseaseMention[] = diseaseMatcher()
    .findAll(text)
    .map((match) => ({
      text: match.text,
      start: match.start,
      end: match.end,
      diseaseId: match.payloads[0] ?? '',
    }));
  for (const rule of subtypeRules) {
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (mentions.some((m) => m.start < end && start < m.end)) continue;
      mentions.push({
        text: match[0],
        start,
        end,
        diseaseId: rule.diseaseOf(match),
        subtype: rule.label(match),
      });
    }
  }
  for (const mention of mentions) if (isHypothetical(text, mention.start, lang)) mention.hypothetical = true;
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * The diseases an item is about, most weight first (a mention in doubt weighs less). An avian-influenza
 * subtype overrides a bare "flu" (H5N1 flu is avian); on a tie, a named cause comes before
 * "unexplained illness".
 */
export function summarizeDiseases(mentions: readonly DiseaseMention[]): ExtractedDisease[] {
  const byId = new Map<string, { count: number; weight: number; first: number; subtypes: Set<string> }>();
  for (const mention of mentions) {
    const current = byId.get(mention.diseaseId) ?? {
      count: 0,
      weight: 0,
      first: mention.start,
      subtypes: new Set<string>(),
    };
    current.count += 1;
    current.weight += mention.hypothetical ? HYPOTHETICAL_WEIGHT : 1;
    if (mention.subtype) current.subtypes.add(mention.subtype);
    byId.set(mention.diseaseId, current);
  }
  const avian = byId.get('avian-influenza');
  const seasonal = byId.get('influenza');
  if (avian && seasonal && seasonal.subtypes.size === 0) {
    // "H5N6 avian flu" mentions the word flu; it is still one avian-influenza event.
    avian.count += seasonal.count;
    avian.weight += seasonal.weight;
    byId.delete('influenza');
  }
  const diseases: (ExtractedDisease & { weight: number })[] = [];
  for (const [id, summary] of byId) {
    const entry = findDiseaseEntry(id);
    if (!entry) continue;
    diseases.push({
      id,
      nameEn: entry.nameEn,
      nameZh: entry.nameZh,
      ...(entry.icd10 ? { icd10: entry.icd10 } : {}),
      subtypes: [...summary.subtypes].sort(),
      mentionCount: summary.count,
      weight: summary.weight,
    });
  }
  const firstSeen = (id: string): number => byId.get(id)?.first ?? Number.MAX_SAFE_INTEGER;
  // A named cause stated as often as "unexplained" explains it; one only tested for does not.
  const isUnexplained = (id: string): number => (id === 'unexplained-illness' ? 1 : 0);
  return diseases
    .sort(
      (a, b) =>
        b.weight - a.weight || isUnexplained(a.id) - isUnexplained(b.id) || firstSeen(a.id) - firstSeen(b.id),
    )
    .map(({ weight: _weight, ...disease }) => disease);
}
