/**
 * How signals are stored: the row of a signal (its summary columns for lists and filters, plus the
 * clustering core's full state of it) and the conversions between rows, the core's `Signal` and the API.
 */
import type { PlaceRef, Signal } from '../ebs/index.js';
import type { PlaceSummary, SignalDecision, SignalStatus, SignalView } from './signals.schema.js';

export interface SignalRow {
  id: string;
  status: SignalStatus;
  headline: string;
  disease_id: string | null;
  disease_en: string | null;
  disease_zh: string | null;
  place_code: string | null;
  place_scheme: string | null;
  place_name_zh: string | null;
  place_name_en: string | null;
  area_code: string | null;
  places: PlaceSummary[];
  first_seen: string;
  last_seen: string;
  max_cases: number | null;
  max_deaths: number | null;
  max_score: number;
  item_count: number;
  /** Comma-separated, sorted (`en,zh`). */
  languages: string;
  cluster_state: Signal;
  merged_into: string | null;
  retired_at: string | null;
  triaged_by: string | null;
  triaged_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DecisionRow {
  id: string;
  signal_id: string;
  kind: SignalDecision['kind'];
  from_status: SignalStatus;
  to_status: SignalStatus;
  note: string;
  related_signal_id: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

export function placeSummaryOf(place: PlaceRef): PlaceSummary {
  return {
    code: place.code,
    scheme: place.scheme,
    level: place.level,
    nameZh: place.nameZh,
    nameEn: place.nameEn,
    country: place.country,
  };
}

/**
 * The platform's area code of a Chinese place: the same GB/T 2260 string for provinces, cities and
 * districts; a street's 9-digit code gets the statistical code's `000` suffix (`430211001` →
 * `430211001000`), the form `@shuzhi/geo` and area scopes use. Places outside China have none.
 */
export function platformAreaCode(place: Pick<PlaceRef, 'code' | 'scheme'> | undefined): string | null {
  if (!place || place.scheme !== 'GB/T 2260') return null;
  return /^\d{9}$/.test(place.code) ? `${place.code}000` : place.code;
}

/** The summary columns of a signal row, from the clustering core's signal. */
export function columnsOfSignal(
  signal: Signal,
): Pick<
  SignalRow,
  | 'disease_id'
  | 'disease_en'
  | 'disease_zh'
  | 'place_code'
  | 'place_scheme'
  | 'place_name_zh'
  | 'place_name_en'
  | 'area_code'
  | 'places'
  | 'first_seen'
  | 'last_seen'
  | 'max_cases'
  | 'max_deaths'
  | 'item_count'
  | 'languages'
  | 'cluster_state'
> {
  return {
    disease_id: signal.diseaseId ?? null,
    disease_en: signal.diseaseEn ?? null,
    disease_zh: signal.diseaseZh ?? null,
    place_code: signal.place?.code ?? null,
    place_scheme: signal.place?.scheme ?? null,
    place_name_zh: signal.place?.nameZh ?? null,
    place_name_en: signal.place?.nameEn ?? null,
    area_code: platformAreaCode(signal.place),
    places: signal.places.map(placeSummaryOf),
    first_seen: signal.firstSeen,
    last_seen: signal.lastSeen,
    max_cases: signal.maxCases ?? null,
    max_deaths: signal.maxDeaths ?? null,
    item_count: signal.itemCount,
    languages: [...signal.languages].sort().join(','),
    cluster_state: signal,
  };
}

export function toSignalView(row: SignalRow): SignalView {
  const place = row.places.find((p) => p.code === row.place_code && p.scheme === row.place_scheme) ?? null;
  return {
    id: row.id,
    status: row.status,
    headline: row.headline,
    disease:
      row.disease_id === null
        ? null
        : {
            id: row.disease_id,
            nameEn: row.disease_en ?? row.disease_id,
            nameZh: row.disease_zh ?? row.disease_id,
          },
    place,
    places: row.places,
    areaCode: row.area_code,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    maxCases: row.max_cases === null ? null : Number(row.max_cases),
    maxDeaths: row.max_deaths === null ? null : Number(row.max_deaths),
    maxScore: Number(row.max_score),
    itemCount: Number(row.item_count),
    languages: row.languages.split(',').filter((l): l is 'zh' | 'en' => l === 'zh' || l === 'en'),
    mergedInto: row.merged_into,
    retired: row.retired_at !== null,
    triagedBy: row.triaged_by,
    triagedAt: row.triaged_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDecision(row: DecisionRow): SignalDecision {
  return {
    id: row.id,
    kind: row.kind,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    note: row.note,
    relatedSignalId: row.related_signal_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
  };
}
