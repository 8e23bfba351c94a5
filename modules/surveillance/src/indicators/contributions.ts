/**
 * What one record adds to the indicator counts. Each case, test result, fever-clinic visit, pharmacy sale
 * or imported row has a key; the counts it makes are replaced, never added again, when the same record
 * arrives twice (the change feed delivers at least once) or changes (a case reclassified, an onset date
 * corrected, a row re-imported with a new count). So counts are idempotent by construction.
 */
import type { CountIndicator } from './indicator-catalogue.js';
import { localDateOf } from './local-date.js';

export interface Contribution {
  indicator: CountIndicator;
  /** Area the record belongs to (any level; kept under its street, district and city). */
  area: string;
  /** Local day (YYYY-MM-DD). */
  date: string;
  count: number;
  /** An imported count states the area's figure for that day (it replaces the sum of derived counts). */
  imported?: boolean;
}

/** Everything one record contributes now; an empty list withdraws what it contributed before. */
export interface ContributionSet {
  key: string;
  contributions: Contribution[];
  /** Change-feed position of the event, so a late re-delivery of an older event changes nothing. */
  seq: number;
}

/** The parts of a change-feed event (the hub's `FeedEvent`) indicators read. */
export interface IndicatorFeedEvent {
  seq: number;
  at: string;
  topic: string;
  entityType: string;
  entityId: string;
  areaCode: string | null;
  payload: Record<string, unknown>;
}

/** The hub's topics indicators are derived from. */
export const indicatorTopics = [
  'hub.case.confirmed',
  'hub.case.updated',
  'hub.case.suspected',
  'hub.case.retracted',
  'hub.observation.created',
  'hub.observation.updated',
  'hub.encounter.created',
  'hub.encounter.updated',
  'hub.pharmacy_sale.created',
  'hub.pharmacy_sale.updated',
] as const;

const excludedStatuses = new Set(['cancelled', 'entered-in-error']);

function text(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function firstDate(...values: (string | null | undefined)[]): string | null {
  for (const value of values) {
    const date = localDateOf(value);
    if (date) return date;
  }
  return null;
}

/**
 * The contributions a hub event makes, or null when the event is not about indicators. `fallbackArea`
 * (the city) holds records whose area is unknown, so the city total still counts them.
 */
export function contributionsOfEvent(
  event: IndicatorFeedEvent,
  fallbackArea: string,
): ContributionSet | null {
  const payload = event.payload;
  const area = text(payload, 'areaCode') ?? event.areaCode ?? fallbackArea;
  const at = (indicator: CountIndicator, date: string | null, count = 1): Contribution[] =>
    date === null || count <= 0 ? [] : [{ indicator, area, date, count }];
  const set = (contributions: Contribution[]): ContributionSet => ({
    key: `${event.entityType}:${event.entityId}`,
    contributions,
    seq: event.seq,
  });

  if (event.topic.startsWith('hub.case.')) {
    if (event.topic === 'hub.case.retracted') return set([]);
    const classification = text(payload, 'classification');
    const reported = firstDate(text(payload, 'reportTime'), event.at);
    if (classification === 'confirmed')
      return set([
        ...at('confirmed_cases', reported),
        ...at('confirmed_by_onset', firstDate(text(payload, 'onset'))),
      ]);
    if (classification === 'asymptomatic') return set(at('asymptomatic_infections', reported));
    return set([]);
  }
  if (event.topic.startsWith('hub.observation.')) {
    const kind = text(payload, 'testKind');
    if ((kind !== 'pcr' && kind !== 'antigen') || excludedStatuses.has(text(payload, 'status') ?? ''))
      return set([]);
    // Tests count on the day the result was issued (as the simulator's indicators and daily reports do).
    const date = firstDate(
      text(payload, 'resultedAt'),
      text(payload, 'effectiveAt'),
      text(payload, 'specimenCollectedAt'),
      event.at,
    );
    return set([
      ...at('tests_performed', date),
      ...(text(payload, 'result') === 'positive' ? at('tests_positive', date) : []),
    ]);
  }
  if (event.topic.startsWith('hub.encounter.')) {
    if (text(payload, 'setting') !== 'fever-clinic') return set([]);
    return set(
      at('fever_clinic_visits', firstDate(text(payload, 'start'), text(payload, 'effectiveAt'), event.at)),
    );
  }
  if (event.topic.startsWith('hub.pharmacy_sale.')) {
    const productClass = text(payload, 'productClass');
    const indicator =
      productClass === 'antipyretic'
        ? 'antipyretic_sales'
        : productClass === 'cough'
          ? 'cough_medicine_sales'
          : null;
    const units = payload['units'];
    if (indicator === null || typeof units !== 'number' || !Number.isInteger(units)) return set([]);
    return set(at(indicator, firstDate(text(payload, 'date'), text(payload, 'effectiveAt')), units));
  }
  return null;
}

/** The key of an imported row: one per area, indicator and day, so a re-import replaces the figure. */
export function importedContribution(row: {
  area: string;
  indicator: CountIndicator;
  date: string;
  count: number;
}): ContributionSet {
  return {
    key: `import:${row.area}:${row.indicator}:${row.date}`,
    contributions: [{ ...row, imported: true }],
    seq: 0,
  };
}
