/**
 * The gazetteer: every place EBS can name — China's provinces, cities, districts and streets with GB/T
 * 2260 codes, the world's countries (ISO 3166-1), major subdivisions (ISO 3166-2) and cities — and
 * the lookup that finds them in text. Names shared by several places (鼓楼区, 城关镇, Suzhou) are
 * resolved by the other places the text names (the nearest one wins), then by the caller's home
 * area, then by preferring the larger unit; a name still ambiguous after that is left out rather
 * than guessed.
 */
import type { NewsLanguage, PlaceLevel, PlaceMention, PlaceRef } from '../../types.js';
import { PhraseMatcher, type PhraseMatch } from '../../text/phrase-matcher.js';
import { loadChinaDivisions, type ChinaDivision } from './china-divisions.js';
import {
  chineseNameForms,
  englishNameForms,
  pinyinSpellings,
  stripChineseSuffix,
} from './chinese-place-names.js';
import { worldCountries } from './world-countries.js';
import { specialRegionPlaces } from './special-region-places.js';
import { worldSubdivisions } from './world-subdivisions.js';

/** What resolution needs to know about a candidate place. */
interface PlaceNode {
  id: string;
  level: PlaceLevel;
  ancestors: readonly string[];
  /** Streets and towns inside it: a proxy for size when two places share a name (苏州 over 宿州). */
  size?: number;
}

interface PlaceName {
  node: PlaceNode;
  /** Accepted only when a containing place is named too, or lies in the home area. */
  needsContext: boolean;
}

export interface PlaceLookupOptions {
  /**
   * Places (ids such as `cn:4302`, or bare GB/T 2260 codes) where the reader is: an ambiguous or
   * context-dependent name inside them wins. A city platform passes its own city.
   */
  homeArea?: readonly string[];
}

/** Larger units first: when nothing else decides, 吉林 is the province and Georgia the country. */
const levelRank: Readonly<Record<PlaceLevel, number>> = {
  country: 0,
  province: 1,
  region: 1,
  city: 2,
  'world-city': 3,
  district: 3,
  street: 4,
};

export class Gazetteer {
  /** World places, built eagerly (a few hundred). */
  private readonly worldPlaces = new Map<string, PlaceRef>();
  /** Chinese divisions by id; their PlaceRefs (with English names) are made on first use. */
  private readonly divisions = new Map<string, { division: ChinaDivision; node: PlaceNode }>();
  private readonly chinesePlaces = new Map<string, PlaceRef>();
  private readonly chineseNames = new PhraseMatcher<PlaceName>();
  private englishNames: PhraseMatcher<PlaceName> | null = null;

  constructor(divisions: readonly ChinaDivision[] = loadChinaDivisions()) {
    this.addWorldPlaces();
    for (const division of divisions) {
      const node: PlaceNode = {
        id: `cn:${division.code}`,
        level: division.level,
        ancestors: ['iso:CN', ...division.parentCodes.map((code) => `cn:${code}`)],
      };
      this.divisions.set(node.id, { division, node });
      const forms = chineseNameForms(division);
      for (const name of forms.open) this.chineseNames.add(name, { node, needsContext: false });
      for (const name of forms.needsContext) this.chineseNames.add(name, { node, needsContext: true });
    }
    for (const { division, node } of this.divisions.values()) {
      if (division.level !== 'street') continue;
      for (const ancestor of node.ancestors) {
        const entry = this.divisions.get(ancestor);
        if (entry) entry.node.size = (entry.node.size ?? 0) + 1;
      }
    }
    this.addSpecialRegionPlaces();
  }

  /** The place with this id (`cn:430211`, `iso:JP`, `city:JP:tokyo`), or undefined. */
  get(id: string): PlaceRef | undefined {
    const world = this.worldPlaces.get(id);
    if (world) return world;
    const cached = this.chinesePlaces.get(id);
    if (cached) return cached;
    const entry = this.divisions.get(id);
    if (!entry) return undefined;
    const { division, node } = entry;
    const place: PlaceRef = {
      id,
      code: division.code,
      scheme: 'GB/T 2260',
      level: division.level,
      nameZh: division.name,
      nameEn: englishLabel(division),
      country: 'CN',
      ancestors: [...node.ancestors],
    };
    this.chinesePlaces.set(id, place);
    return place;
  }

  /** A Chinese place by its GB/T 2260 code. */
  getByChineseCode(code: string): PlaceRef | undefined {
    return this.get(`cn:${code}`);
  }

  /** Places named in `text` (normalised), resolved to gazetteer entries, in text order. */
  findPlaceMentions(text: string, lang: NewsLanguage, options: PlaceLookupOptions = {}): PlaceMention[] {
    const matcher = lang === 'zh' ? this.chineseNames : this.englishMatcher();
    const matches = matcher.findAll(text);
    const home = new Set((options.homeArea ?? []).map((id) => (id.includes(':') ? id : `cn:${id}`)));
    const resolved = resolveMentions(matches, home);
    return matches.flatMap((match, index) => {
      const node = resolved.get(index);
      const place = node ? this.get(node.id) : undefined;
      return place ? [{ text: match.text, start: match.start, end: match.end, place }] : [];
    });
  }

  private addSpecialRegionPlaces(): void {
    for (const row of specialRegionPlaces) {
      const parent = this.get(row.parentId);
      if (!parent) continue;
      const place: PlaceRef = {
        id: `${row.parentId}:${row.slug}`,
        code: parent.code,
        scheme: 'GB/T 2260',
        level: row.level,
        nameZh: row.namesZh[0]?.name ?? row.slug,
        nameEn: row.namesEn[0] ?? row.slug,
        country: 'CN',
        ancestors: [...parent.ancestors, parent.id],
      };
      this.worldPlaces.set(place.id, place);
      for (const { name, needsContext } of row.namesZh)
        this.chineseNames.add(name, { node: place, needsContext });
    }
  }

  private addWorldPlaces(): void {
    for (const country of worldCountries) {
      const place: PlaceRef = {
        id: `iso:${country.code}`,
        code: country.code,
        scheme: 'ISO 3166-1',
        level: 'country',
        nameZh: country.namesZh[0] ?? country.code,
        nameEn: country.namesEn[0] ?? country.code,
        country: country.code,
        ancestors: [],
      };
      this.worldPlaces.set(place.id, place);
      for (const name of country.namesZh) this.chineseNames.add(name, { node: place, needsContext: false });
    }
    for (const row of worldSubdivisions) {
      const parent = this.worldPlaces.get(`iso:${row.parent}`);
      if (!parent) continue;
      const shared = {
        nameZh: row.namesZh[0] ?? row.code,
        nameEn: row.namesEn[0] ?? row.code,
        country: parent.country,
        ancestors: [...parent.ancestors, parent.id],
      };
      const place: PlaceRef =
        row.kind === 'region'
          ? { id: `iso:${row.code}`, code: row.code, scheme: 'ISO 3166-2', level: 'region', ...shared }
          : {
              id: `city:${row.code}`,
              code: parent.code,
              scheme: parent.scheme,
              level: 'world-city',
              ...shared,
            };
      this.worldPlaces.set(place.id, place);
      for (const name of row.namesZh) this.chineseNames.add(name, { node: place, needsContext: false });
    }
  }

  /** English names are built on first use: pinyin for 41 000 streets takes most of a second. */
  private englishMatcher(): PhraseMatcher<PlaceName> {
    if (this.englishNames) return this.englishNames;
    const matcher = new PhraseMatcher<PlaceName>();
    for (const country of worldCountries) {
      const node = this.worldPlaces.get(`iso:${country.code}`);
      if (!node) continue;
      for (const name of country.namesEn)
        matcher.add(name, { node, needsContext: false }, { exactCase: isAcronym(name) });
    }
    for (const row of worldSubdivisions) {
      const node = this.worldPlaces.get(row.kind === 'region' ? `iso:${row.code}` : `city:${row.code}`);
      if (!node) continue;
      for (const name of row.namesEn)
        matcher.add(name, { node, needsContext: false }, { exactCase: isAcronym(name) });
    }
    for (const { division, node } of this.divisions.values()) {
      const forms = englishNameForms(division);
      for (const name of forms.open) matcher.add(name, { node, needsContext: false });
      for (const name of forms.capitalisedOnly)
        matcher.add(name, { node, needsContext: false }, { exactCase: true });
      for (const name of forms.needsContext) matcher.add(name, { node, needsContext: true });
      for (const name of forms.capitalisedNeedsContext) {
        matcher.add(name, { node, needsContext: true }, { exactCase: true });
      }
    }
    for (const row of specialRegionPlaces) {
      const node = this.worldPlaces.get(`${row.parentId}:${row.slug}`);
      if (!node) continue;
      for (const name of row.namesEn) matcher.add(name, { node, needsContext: false });
    }
    this.englishNames = matcher;
    return matcher;
  }
}

/** Picks one place per matched name, or none; see the file comment for the order of the rules. */
function resolveMentions(
  matches: readonly PhraseMatch<PlaceName>[],
  home: ReadonlySet<string>,
): Map<number, PlaceNode> {
  const resolved = new Map<number, PlaceNode>();
  /** Where each named place was named, to prefer the nearest containing place. */
  const namedAt = new Map<string, number[]>();
  const accept = (index: number, node: PlaceNode): void => {
    resolved.set(index, node);
    const at = matches[index]?.start ?? 0;
    namedAt.set(node.id, [...(namedAt.get(node.id) ?? []), at]);
  };

  // 1. Names that mean exactly one place and need no context.
  matches.forEach((match, index) => {
    const [only, ...others] = match.payloads;
    if (only && others.length === 0 && !only.needsContext) accept(index, only.node);
  });
  // 2. Names settled by the places already named (天元区 near 株洲市), repeated while it helps.
  let progress = true;
  while (progress) {
    progress = false;
    matches.forEach((match, index) => {
      if (resolved.has(index)) return;
      const node = nearestInContext(match, namedAt);
      if (node) {
        accept(index, node);
        progress = true;
      }
    });
  }
  // 3. Two ambiguous names that settle each other: Xiayang town in Yanling County (炎陵, not 鄢陵).
  progress = true;
  while (progress) {
    progress = false;
    matches.forEach((match, index) => {
      if (resolved.has(index)) return;
      const supported = match.payloads.filter(({ node }) =>
        matches.some(
          (other, otherIndex) =>
            otherIndex !== index &&
            !resolved.has(otherIndex) &&
            other.payloads.some(
              ({ node: o }) => o.ancestors.includes(node.id) || node.ancestors.includes(o.id),
            ),
        ),
      );
      if (supported.length === 1 && supported[0]) {
        accept(index, supported[0].node);
        progress = true;
      }
    });
    if (progress) {
      // Newly named places may settle others the usual way.
      matches.forEach((match, index) => {
        if (resolved.has(index)) return;
        const node = nearestInContext(match, namedAt);
        if (node) accept(index, node);
      });
    }
  }
  // 4. The home area, then the larger unit among names that stand on their own, then the clearly larger place.
  const inHome = (node: PlaceNode): boolean => home.has(node.id) || node.ancestors.some((a) => home.has(a));
  matches.forEach((match, index) => {
    if (resolved.has(index)) return;
    const homeCandidates = match.payloads.filter((name) => inHome(name.node));
    if (homeCandidates.length === 1 && homeCandidates[0]) {
      accept(index, homeCandidates[0].node);
      return;
    }
    const open = match.payloads.filter((name) => !name.needsContext).map((name) => name.node);
    const largest = Math.min(...open.map((node) => levelRank[node.level]));
    const top = open.filter((node) => levelRank[node.level] === largest);
    if (top.length === 1 && top[0]) {
      accept(index, top[0]);
      return;
    }
    const clearlyLargest = clearlyLargestOf(top);
    if (clearlyLargest) accept(index, clearlyLargest);
  });
  return resolved;
}

/**
 * Of the candidates with a containing place already named, the one whose containing place was named
 * nearest to this name (北京朝阳区 is Beijing's even when 长春市 appears earlier); null if none or a tie.
 */
function nearestInContext(
  match: PhraseMatch<PlaceName>,
  namedAt: ReadonlyMap<string, number[]>,
): PlaceNode | null {
  let best: PlaceNode | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  for (const { node } of match.payloads) {
    let distance = Number.POSITIVE_INFINITY;
    for (const ancestor of node.ancestors) {
      if (ancestor === 'iso:CN') continue; // naming China says nothing about which 朝阳区
      for (const at of namedAt.get(ancestor) ?? []) distance = Math.min(distance, Math.abs(at - match.start));
    }
    if (distance === Number.POSITIVE_INFINITY) continue;
    if (distance < bestDistance) {
      best = node;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && best?.id !== node.id) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/** How much bigger (in streets and towns) a place must be than a namesake to be taken for it. */
const CLEARLY_LARGER = 2;

/** The candidate at least twice the size of every other (苏州市 over 宿州市), or null. */
function clearlyLargestOf(candidates: readonly PlaceNode[]): PlaceNode | null {
  const bySize = [...candidates].sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  const [first, second] = bySize;
  if (!first || !second || (first.size ?? 0) === 0) return null;
  return (first.size ?? 0) >= CLEARLY_LARGER * (second.size ?? 0) ? first : null;
}

/** A display name in English: a kept name, else the pinyin form. */
function englishLabel(division: ChinaDivision): string {
  const forms = englishNameForms(division);
  const kept = forms.capitalisedOnly[0] ?? forms.open[0] ?? forms.needsContext[0];
  return kept ?? pinyinSpellings(stripChineseSuffix(division.name))[0] ?? division.name;
}

function isAcronym(name: string): boolean {
  return /^[A-Z.]+$/.test(name) && name.length <= 4;
}

let shared: Gazetteer | null = null;

/** The process-wide gazetteer, built on first use (the Chinese index in about half a second). */
export function defaultGazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}
