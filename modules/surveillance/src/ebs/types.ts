/**
 * Shapes shared by event-based surveillance (EBS): a news item as ingested, the epidemiological
 * facts extracted from it, and the places and diseases those facts point at.
 */

/** The two languages EBS reads; anything else is read as English (Latin script). */
export type NewsLanguage = 'zh' | 'en';

/** One news item or report, whatever its source (RSS, Atom, JSON, pasted text). */
export interface NewsItem {
  title: string;
  text: string;
  url?: string;
  /** When the source says it was published: an ISO 8601 date or instant. */
  published?: string;
  /** The feed or site it came from. */
  source?: string;
  lang: NewsLanguage;
}

/** Administrative level of a place; `region` is a first-level subdivision outside China. */
export type PlaceLevel = 'country' | 'province' | 'city' | 'district' | 'street' | 'region' | 'world-city';

/** Which code system `PlaceRef.code` belongs to. */
export type PlaceCodeScheme = 'GB/T 2260' | 'ISO 3166-1' | 'ISO 3166-2';

/** A place in the gazetteer. */
export interface PlaceRef {
  /** Unique in the gazetteer, e.g. `cn:430211`, `iso:JP`, `iso:US-TX`, `city:JP:tokyo`. */
  id: string;
  /**
   * GB/T 2260 code for Chinese places (9 digits for streets, the statistical extension the project
   * uses for its areas); ISO 3166-1 alpha-2 for countries; ISO 3166-2 for regions; for a world city,
   * the code of the region or country that contains it.
   */
  code: string;
  scheme: PlaceCodeScheme;
  level: PlaceLevel;
  nameZh: string;
  nameEn: string;
  /** ISO 3166-1 alpha-2 of the country the place is in. */
  country: string;
  /** Ids of the places that contain this one, nearest last (country first). */
  ancestors: string[];
}

/** Where a span of normalised text starts and ends (UTF-16 offsets, end exclusive). */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

export interface PlaceMention extends TextSpan {
  place: PlaceRef;
}

export interface DiseaseMention extends TextSpan {
  diseaseId: string;
  /** Subtype named in the text, e.g. `H5N1`, `clade Ib`, `GII.4`. */
  subtype?: string;
  /** Named as a possibility being ruled out or tested for, not as the cause. */
  hypothetical?: boolean;
}

/** A disease found in an item, with its labels for display. */
export interface ExtractedDisease {
  id: string;
  nameEn: string;
  nameZh: string;
  /** ICD-10 code where one fits, for linking with case reports. */
  icd10?: string;
  subtypes: string[];
  mentionCount: number;
}

export interface DateMention extends TextSpan {
  /** Calendar date, YYYY-MM-DD. */
  date: string;
  kind: 'explicit' | 'relative';
}

/** What a count counts. */
export type CountMeasure = 'cases' | 'deaths' | 'hospitalised';

/** Whether the text says the count is new (新增, new) or a running total (累计, total). */
export type CountScope = 'new' | 'cumulative' | 'unspecified';

export interface CountMention extends TextSpan {
  measure: CountMeasure;
  value: number;
  scope: CountScope;
}

/** The epidemiological facts in one item (PADI-web's extraction step). */
export interface EpiFacts {
  diseases: ExtractedDisease[];
  /** Most specific places, deduplicated: a district drops out when one of its streets is named. */
  places: PlaceRef[];
  placeMentions: PlaceMention[];
  dates: DateMention[];
  /** The latest date the text mentions that is not after publication; else the publication date. */
  eventDate?: string;
  counts: CountMention[];
  /** Largest case count the text states, and the largest per scope. */
  cases?: number;
  newCases?: number;
  cumulativeCases?: number;
  deaths?: number;
}
