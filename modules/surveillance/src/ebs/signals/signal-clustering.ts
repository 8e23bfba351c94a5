/**
 * Groups relevant news items about the same event into signals, incrementally: each new item joins the
 * best-matching open signal or starts a new one. Two items are about the same event when their
 * diseases agree (an "unexplained illness" agrees with the cause found later, and an item naming no
 * disease agrees with any), their places overlap (the same place, or one inside the other: a street
 * within its city counts), their dates fall within a window, and — when places only overlap loosely —
 * their texts are similar. The state is plain JSON data and the result depends only on the items and
 * their order, so the lead can persist the state and replay it.
 */
import { invalidField } from '@shuzhi/core';
import type { EpiFacts, NewsLanguage, PlaceRef } from '../types.js';
import { daysBetween } from '../extraction/calendar.js';
import { findDiseaseEntry } from '../extraction/diseases.js';
import { addTermVector, cosineSimilarity, termVector, type TermVector } from './text-similarity.js';

/** What clustering needs of an item: its id, language, text and extracted facts. */
export interface SignalItem {
  id: string;
  lang: NewsLanguage;
  title: string;
  text: string;
  /** The item's event date (EpiFacts.eventDate) or publication date, YYYY-MM-DD. */
  date: string;
  facts: Pick<EpiFacts, 'diseases' | 'places' | 'cases' | 'deaths'>;
}

export interface SignalOptions {
  /** Days after a signal's last item within which a new item can still join it. */
  windowDays: number;
  /** Minimum match score to join a signal (place overlap + text similarity + disease agreement). */
  joinThreshold: number;
  /** Text similarity that lets items whose places only loosely overlap (same country) join. */
  textSimilarityForLooseMatch: number;
}

export const defaultSignalOptions: SignalOptions = {
  windowDays: 14,
  joinThreshold: 0.9,
  textSimilarityForLooseMatch: 0.3,
};

/** One signal: a group of items about one event, with its summary for triage. */
export interface Signal {
  id: string;
  diseaseId?: string;
  diseaseEn?: string;
  diseaseZh?: string;
  /** The place named most often (most specific first); every place named is in `places`. */
  place?: PlaceRef;
  places: PlaceRef[];
  /** How many items named each place id. */
  placeCounts: Record<string, number>;
  firstSeen: string;
  lastSeen: string;
  maxCases?: number;
  maxDeaths?: number;
  itemCount: number;
  itemIds: string[];
  languages: NewsLanguage[];
  /** Sum of the items' term vectors, per language. */
  terms: Partial<Record<NewsLanguage, TermVector>>;
}

export interface SignalState {
  options: SignalOptions;
  signals: Signal[];
  /** Next sequence number for signal ids. */
  nextNumber: number;
}

export function createSignalState(options: Partial<SignalOptions> = {}): SignalState {
  return { options: { ...defaultSignalOptions, ...options }, signals: [], nextNumber: 1 };
}

/** How well two sets of places overlap: 1 same place, 0.8 one inside the other, 0.5 same city or region. */
export function placeOverlap(a: readonly PlaceRef[], b: readonly PlaceRef[]): number {
  if (a.length === 0 || b.length === 0) return NO_PLACE_SCORE;
  let best = 0;
  for (const x of a) {
    for (const y of b) {
      best = Math.max(best, pairOverlap(x, y));
      if (best === 1) return 1;
    }
  }
  return best;
}

/** Score when one side names no place at all: neither evidence for nor against. */
const NO_PLACE_SCORE = 0.3;

function pairOverlap(x: PlaceRef, y: PlaceRef): number {
  if (x.id === y.id) return 1;
  const xInY = x.ancestors.includes(y.id);
  const yInX = y.ancestors.includes(x.id);
  if (xInY || yInX) {
    // Naming the country is weak evidence: "China" contains every Chinese place.
    const outer = xInY ? y : x;
    return outer.level === 'country' ? 0.3 : 0.8;
  }
  // Siblings: two districts of one city (0.5), two places in one province or state (0.4), one country (0.2).
  const isCountry = (id: string): boolean => /^iso:[A-Z]{2}$/.test(id);
  const shared = x.ancestors.filter((a) => !isCountry(a) && y.ancestors.includes(a)).length;
  if (shared >= 2) return 0.5;
  if (shared === 1) return 0.4;
  return x.country === y.country ? 0.2 : 0;
}

function primaryDiseaseOf(facts: SignalItem['facts']): string | undefined {
  return facts.diseases[0]?.id;
}

/** Whether two disease ids can be one event (see the file comment). */
function diseasesAgree(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  if (a === 'unexplained-illness' || b === 'unexplained-illness') return true;
  const flu = new Set(['influenza', 'avian-influenza']);
  return flu.has(a) && flu.has(b);
}

export interface SignalMatch {
  signalId: string;
  score: number;
}

/** The score of `item` against `signal`, or null when they cannot be one event. */
export function matchScore(
  signal: Signal,
  item: SignalItem,
  vector: TermVector,
  options: SignalOptions,
): number | null {
  const disease = primaryDiseaseOf(item.facts);
  if (!diseasesAgree(signal.diseaseId, disease)) return null;
  if (daysBetween(signal.lastSeen, item.date) > options.windowDays) return null;
  if (daysBetween(item.date, signal.firstSeen) > options.windowDays) return null;
  const places = placeOverlap(signal.places, item.facts.places);
  if (places === 0) return null;
  const sameLanguageTerms = signal.terms[item.lang];
  const text = sameLanguageTerms ? cosineSimilarity(sameLanguageTerms, vector) : 0;
  if (places < 0.8 && text < options.textSimilarityForLooseMatch) return null;
  const diseaseBonus = disease !== undefined && disease === signal.diseaseId ? 0.3 : 0;
  return places + text + diseaseBonus;
}

/** The place named most often, the more specific on a tie, then the first named. */
function primaryPlaceOf(places: readonly PlaceRef[], counts: Record<string, number>): PlaceRef | undefined {
  return [...places].sort(
    (a, b) => (counts[b.id] ?? 0) - (counts[a.id] ?? 0) || b.ancestors.length - a.ancestors.length,
  )[0];
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function withItem(signal: Signal, item: SignalItem, vector: TermVector): Signal {
  const places = [...signal.places];
  const placeCounts = { ...signal.placeCounts };
  for (const place of item.facts.places) {
    if (!places.some((p) => p.id === place.id)) places.push(place);
    placeCounts[place.id] = (placeCounts[place.id] ?? 0) + 1;
  }
  const itemDisease = primaryDiseaseOf(item.facts);
  // A named cause replaces "unexplained illness"; avian influenza is more specific than influenza.
  const diseaseId =
    signal.diseaseId === undefined ||
    (signal.diseaseId === 'unexplained-illness' && itemDisease !== undefined) ||
    (signal.diseaseId === 'influenza' && itemDisease === 'avian-influenza')
      ? itemDisease
      : signal.diseaseId;
  const entry = diseaseId ? findDiseaseEntry(diseaseId) : undefined;
  const maxCases = maxDefined(signal.maxCases, item.facts.cases);
  const maxDeaths = maxDefined(signal.maxDeaths, item.facts.deaths);
  const place = primaryPlaceOf(places, placeCounts);
  return {
    id: signal.id,
    ...(entry ? { diseaseId: entry.id, diseaseEn: entry.nameEn, diseaseZh: entry.nameZh } : {}),
    ...(place ? { place } : {}),
    places,
    placeCounts,
    firstSeen: item.date < signal.firstSeen ? item.date : signal.firstSeen,
    lastSeen: item.date > signal.lastSeen ? item.date : signal.lastSeen,
    ...(maxCases !== undefined ? { maxCases } : {}),
    ...(maxDeaths !== undefined ? { maxDeaths } : {}),
    itemCount: signal.itemCount + 1,
    itemIds: [...signal.itemIds, item.id],
    languages: signal.languages.includes(item.lang)
      ? signal.languages
      : [...signal.languages, item.lang].sort(),
    terms: { ...signal.terms, [item.lang]: addTermVector(signal.terms[item.lang] ?? {}, vector) },
  };
}

function newSignal(number: number, item: SignalItem): Signal {
  const empty: Signal = {
    id: `signal-${String(number).padStart(5, '0')}`,
    places: [],
    placeCounts: {},
    firstSeen: item.date,
    lastSeen: item.date,
    itemCount: 0,
    itemIds: [],
    languages: [],
    terms: {},
  };
  return empty;
}

export interface AddItemResult {
  state: SignalState;
  signalId: string;
  /** True when the item started a new signal. */
  created: boolean;
}

/**
 * Adds `item` to the state: it joins the best-scoring signal at or above the join threshold (the lower
 * id on a tie), else it starts a new signal. The given state is not modified.
 */
export function addItem(state: SignalState, item: SignalItem): AddItemResult {
  const vector = termVector(`${item.title}\n${item.text}`);
  let best: { index: number; score: number } | null = null;
  state.signals.forEach((signal, index) => {
    const score = matchScore(signal, item, vector, state.options);
    if (score === null || score < state.options.joinThreshold) return;
    if (best === null || score > best.score) best = { index, score };
  });
  const chosen = best as { index: number; score: number } | null;
  if (chosen !== null) {
    const signals = [...state.signals];
    const joined = withItem(signals[chosen.index] as Signal, item, vector);
    signals[chosen.index] = joined;
    return { state: { ...state, signals }, signalId: joined.id, created: false };
  }
  const created = withItem(newSignal(state.nextNumber, item), item, vector);
  return {
    state: { ...state, signals: [...state.signals, created], nextNumber: state.nextNumber + 1 },
    signalId: created.id,
    created: true,
  };
}

/** The triage summary of a signal, without the internal term vectors. */
export type SignalSummary = Omit<Signal, 'terms' | 'placeCounts'>;

export function summarizeSignal(signal: Signal): SignalSummary {
  const { terms: _terms, placeCounts: _counts, ...summary } = signal;
  return summary;
}

/**
 * Merges signal `absorbedId` into `keptId` (an epidemiologist's triage decision: two signals are one
 * event, e.g. reports a month apart). The kept signal takes every item, place and count; the state is
 * not modified. Throws when either id is unknown or they are the same.
 */
export function mergeSignals(state: SignalState, keptId: string, absorbedId: string): SignalState {
  const kept = state.signals.find((s) => s.id === keptId);
  const absorbed = state.signals.find((s) => s.id === absorbedId);
  if (!kept) throw invalidField(keptId, 'keptId', 'no signal with this id');
  if (!absorbed) throw invalidField(absorbedId, 'absorbedId', 'no signal with this id');
  if (kept.id === absorbed.id)
    throw invalidField(absorbedId, 'absorbedId', 'a signal cannot be merged into itself');
  const placeCounts = { ...kept.placeCounts };
  for (const [id, count] of Object.entries(absorbed.placeCounts))
    placeCounts[id] = (placeCounts[id] ?? 0) + count;
  const places = [...kept.places, ...absorbed.places.filter((p) => !kept.places.some((k) => k.id === p.id))];
  const terms: Signal['terms'] = { ...kept.terms };
  for (const lang of ['zh', 'en'] as const) {
    const extra = absorbed.terms[lang];
    if (extra) terms[lang] = addTermVector(terms[lang] ?? {}, extra);
  }
  const maxCases = maxDefined(kept.maxCases, absorbed.maxCases);
  const maxDeaths = maxDefined(kept.maxDeaths, absorbed.maxDeaths);
  const place = primaryPlaceOf(places, placeCounts);
  const merged: Signal = {
    ...kept,
    ...(place ? { place } : {}),
    places,
    placeCounts,
    firstSeen: absorbed.firstSeen < kept.firstSeen ? absorbed.firstSeen : kept.firstSeen,
    lastSeen: absorbed.lastSeen > kept.lastSeen ? absorbed.lastSeen : kept.lastSeen,
    ...(maxCases !== undefined ? { maxCases } : {}),
    ...(maxDeaths !== undefined ? { maxDeaths } : {}),
    itemCount: kept.itemCount + absorbed.itemCount,
    itemIds: [...kept.itemIds, ...absorbed.itemIds],
    languages: [...new Set([...kept.languages, ...absorbed.languages])].sort(),
    terms,
  };
  return {
    ...state,
    signals: state.signals.filter((s) => s.id !== absorbedId).map((s) => (s.id === keptId ? merged : s)),
  };
}

/**
 * Splits off signals that no new item can join any more (their last item is more than the window
 * before `today`), so that a long-running state stays small; the lead stores the retired ones.
 */
export function retireSignals(state: SignalState, today: string): { state: SignalState; retired: Signal[] } {
  const open = state.signals.filter((s) => daysBetween(s.lastSeen, today) <= state.options.windowDays);
  const retired = state.signals.filter((s) => daysBetween(s.lastSeen, today) > state.options.windowDays);
  return { state: { ...state, signals: open }, retired };
}
