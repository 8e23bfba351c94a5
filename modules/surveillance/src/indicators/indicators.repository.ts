/**
 * SQL for indicator counts: records' contributions, the daily counts they add up to (changed with atomic
 * upserts, so concurrent writers never lose an increment), the data sources' last activity, and the
 * range reads series, the dashboard and detection make (by level, indicator and date — the indexed path).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { decodeRow, type Database } from '@shuzhi/db';
import type { ContributionPlan, StoredContribution } from './count-changes.js';
import type { CountIndicator } from './indicator-catalogue.js';
import type { SeriesLevel } from './indicator-areas.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any> | Transaction<any>;

const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface CountRow {
  area_code: string;
  indicator: CountIndicator;
  date: string;
  count: number;
}

export interface CountQuery {
  indicators: readonly CountIndicator[];
  from: string;
  to: string;
  /** Either these areas … */
  areaCodes?: readonly string[];
  /** … or every area of this level. */
  areaLevel?: SeriesLevel;
}

export interface SourceActivity {
  sourceId: string;
  lastEventAt: string;
  lastTopic: string;
  events: number;
}

export class IndicatorsRepository {
  constructor(private readonly database: Database) {}

  get db(): Kysely<unknown> {
    return this.database.db as Kysely<unknown>;
  }

  async contributionsOf(executor: Executor, keys: readonly string[]): Promise<StoredContribution[]> {
    const rows: StoredContribution[] = [];
    for (const part of chunks([...new Set(keys)], 500)) {
      const found = (await executor
        .selectFrom('surveillance_indicator_contributions')
        .selectAll()
        .where('key', 'in', part)
        .execute()) as {
        key: string;
        indicator: CountIndicator;
        area_code: string;
        area_level: SeriesLevel;
        date: string;
        count: number | string;
        imported: boolean | number;
        seq: number | string;
      }[];
      for (const r of found) {
        const row = decodeRow(r, { bool: ['imported'] });
        rows.push({
          key: row.key,
          indicator: row.indicator,
          area: row.area_code,
          level: row.area_level,
          date: row.date,
          count: Number(row.count),
          imported: row.imported === true,
          seq: Number(row.seq),
        });
      }
    }
    return rows;
  }

  /** Writes a plan inside the caller's transaction: contributions replaced, counts moved by the deltas. */
  async applyPlan(executor: Executor, plan: ContributionPlan, now: string): Promise<void> {
    for (const part of chunks(plan.replaceKeys, 500))
      await executor.deleteFrom('surveillance_indicator_contributions').where('key', 'in', part).execute();
    for (const part of chunks(plan.insert))
      await executor
        .insertInto('surveillance_indicator_contributions')
        .values(
          part.map((c) => ({
            key: c.key,
            indicator: c.indicator,
            area_code: c.area,
            area_level: c.level,
            date: c.date,
            count: c.count,
            imported: c.imported,
            seq: c.seq,
          })),
        )
        .execute();
    for (const part of chunks(plan.derivedDeltas))
      await executor
        .insertInto('surveillance_indicator_counts')
        .values(
          part.map((d) => ({
            area_code: d.area,
            indicator: d.indicator,
            date: d.date,
            area_level: d.level,
            derived: d.delta,
            imported: null,
            count: d.delta,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['area_code', 'indicator', 'date']).doUpdateSet({
            derived: sql`surveillance_indicator_counts.derived + excluded.derived`,
            count: sql`coalesce(surveillance_indicator_counts.imported, surveillance_indicator_counts.derived + excluded.derived)`,
            updated_at: sql`excluded.updated_at`,
          }),
        )
        .execute();
    const set = plan.importedFigures.filter((f) => f.count !== null);
    for (const part of chunks(set))
      await executor
        .insertInto('surveillance_indicator_counts')
        .values(
          part.map((f) => ({
            area_code: f.area,
            indicator: f.indicator,
            date: f.date,
            area_level: f.level,
            derived: 0,
            imported: f.count,
            count: f.count,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['area_code', 'indicator', 'date']).doUpdateSet({
            imported: sql`excluded.imported`,
            count: sql`excluded.imported`,
            updated_at: sql`excluded.updated_at`,
          }),
        )
        .execute();
    for (const f of plan.importedFigures.filter((f) => f.count === null))
      await executor
        .updateTable('surveillance_indicator_counts')
        .set({ imported: null, count: sql`derived`, updated_at: now })
        .where('area_code', '=', f.area)
        .where('indicator', '=', f.indicator)
        .where('date', '=', f.date)
        .execute();
  }

  async recordSourceActivity(executor: Executor, activity: readonly SourceActivity[]): Promise<void> {
    for (const a of activity)
      await executor
        .insertInto('surveillance_source_activity')
        .values({
          source_id: a.sourceId,
          last_event_at: a.lastEventAt,
          last_topic: a.lastTopic,
          events: a.events,
        })
        .onConflict((oc) =>
          oc.column('source_id').doUpdateSet({
            last_event_at: sql`excluded.last_event_at`,
            last_topic: sql`excluded.last_topic`,
            events: sql`surveillance_source_activity.events + excluded.events`,
          }),
        )
        .execute();
  }

  async sourceActivity(): Promise<SourceActivity[]> {
    const rows = (await this.database.db
      .selectFrom('surveillance_source_activity')
      .selectAll()
      .orderBy('last_event_at', 'desc')
      .limit(200)
      .execute()) as { source_id: string; last_event_at: string; last_topic: string; events: number }[];
    return rows.map((r) => ({
      sourceId: r.source_id,
      lastEventAt: r.last_event_at,
      lastTopic: r.last_topic,
      events: Number(r.events),
    }));
  }

  /** Stored counts (days without a row are absent) for some areas, or a whole level, in a date range. */
  async counts(query: CountQuery): Promise<CountRow[]> {
    if (query.indicators.length === 0) return [];
    let select = this.database.db
      .selectFrom('surveillance_indicator_counts')
      .select(['area_code', 'indicator', 'date', 'count'])
      .where('indicator', 'in', [...query.indicators])
      .where('date', '>=', query.from)
      .where('date', '<=', query.to);
    if (query.areaLevel) select = select.where('area_level', '=', query.areaLevel);
    if (query.areaCodes) {
      if (query.areaCodes.length === 0) return [];
      select = select.where('area_code', 'in', [...query.areaCodes]);
    }
    const rows = (await select.execute()) as (CountRow & { count: number | string })[];
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** The first day with any stored count: when the platform started watching (series begin there). */
  async earliestDate(): Promise<string | null> {
    const row = (await this.database.db
      .selectFrom('surveillance_indicator_counts')
      .select((eb) => eb.fn.min('date').as('earliest'))
      .executeTakeFirst()) as { earliest: string | null } | undefined;
    return row?.earliest ?? null;
  }

  /** The latest day with any stored count (the data's "today" when the clock is ahead of the data). */
  async latestDate(): Promise<string | null> {
    const row = (await this.database.db
      .selectFrom('surveillance_indicator_counts')
      .select((eb) => eb.fn.max('date').as('latest'))
      .executeTakeFirst()) as { latest: string | null } | undefined;
    return row?.latest ?? null;
  }

  /** The (area, indicator) series that have a count in the date range (what detection looks at). */
  async seriesWithData(
    level: SeriesLevel,
    from: string,
    to: string,
  ): Promise<{ area_code: string; indicator: CountIndicator }[]> {
    return (await this.database.db
      .selectFrom('surveillance_indicator_counts')
      .select(['area_code', 'indicator'])
      .distinct()
      .where('area_level', '=', level)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute()) as { area_code: string; indicator: CountIndicator }[];
  }
}
