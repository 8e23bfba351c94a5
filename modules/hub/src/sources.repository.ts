/** SQL for data sources. */
import { decodeRow, fetchPage, type ColumnKinds, type Database } from '@shuzhi/db';
import { areaScopePrefix, type ListParams, type Page } from '@shuzhi/core';
import type { SourceType } from './sources.schema.js';

export interface SourceRow {
  id: string;
  name: string;
  type: SourceType;
  area_code: string | null;
  active: boolean;
  created_at: string;
  expected_interval_hours: number;
  consumer_only: boolean;
  disabled_at: string | null;
  disabled_reason: string | null;
  /** The principal (user id, or `system:cli…`) that disabled it. */
  disabled_by: string | null;
}

const kinds = { bool: ['active', 'consumer_only'] } as const satisfies ColumnKinds<SourceRow>;

/** What the silence check needs of a source: when it last delivered anything, and how often it should. */
export interface SourceActivityRow {
  id: string;
  name: string;
  created_at: string;
  expected_interval_hours: number;
  /** The last time a record of it was accepted (FHIR API or an import), or null if never. */
  last_accepted_at: string | null;
}

export class SourcesRepository {
  constructor(private readonly database: Database) {}

  async insert(row: SourceRow): Promise<void> {
    await this.database.db.insertInto('sources').values(row).execute();
  }

  async findById(id: string): Promise<SourceRow | undefined> {
    const row = await this.database.db
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as SourceRow, kinds) : undefined;
  }

  async findByName(name: string): Promise<SourceRow | undefined> {
    const row = await this.database.db
      .selectFrom('sources')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? decodeRow(row as SourceRow, kinds) : undefined;
  }

  /**
   * Disables an enabled source, with why and by whom; false when it was already disabled (two administrators
   * at once: the first one's reason stands).
   */
  async disable(id: string, change: { at: string; reason: string; by: string }): Promise<boolean> {
    const result = await this.database.db
      .updateTable('sources')
      .set({ active: false, disabled_at: change.at, disabled_reason: change.reason, disabled_by: change.by })
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Enables a disabled source again; false when it was enabled already. */
  async enable(id: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('sources')
      .set({ active: true, disabled_at: null, disabled_reason: null, disabled_by: null })
      .where('id', '=', id)
      .where('active', '=', false)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The activity of the sources inside the area scope, a page at a time in id order (after `afterId`): the
   * silence check reads every source, never the whole table at once.
   */
  async activityPage(
    areaScope: string | null,
    afterId: string | null,
    limit: number,
  ): Promise<SourceActivityRow[]> {
    let q = this.database.db
      .selectFrom('sources as s')
      .select((eb) => [
        's.id',
        's.name',
        's.created_at',
        's.expected_interval_hours',
        // The same record of delivery as the data-sources page (quality.repository.ts): accepted records
        // over the API (hub_intake) and through finished imports.
        eb
          .selectFrom('hub_intake as i')
          .select((e) => e.fn.max('i.at').as('last'))
          .whereRef('i.source_id', '=', 's.id')
          .where('i.accepted', '>', 0)
          .as('last_intake'),
        eb
          .selectFrom('import_jobs as j')
          .select((e) => e.fn.max('j.finished_at').as('last'))
          .whereRef('j.source_id', '=', 's.id')
          .where('j.accepted', '>', 0)
          .as('last_import'),
      ])
      // A consumer delivers nothing and a disabled source may not: neither has gone quiet.
      .where('s.consumer_only', '=', false)
      .where('s.active', '=', true)
      .orderBy('s.id')
      .limit(limit);
    if (afterId !== null) q = q.where('s.id', '>', afterId);
    if (areaScope !== null) q = q.where('s.area_code', 'like', `${areaScopePrefix(areaScope)}%`);
    const rows = (await q.execute()) as (Omit<SourceActivityRow, 'last_accepted_at'> & {
      created_at: string | Date;
      last_intake: string | Date | null;
      last_import: string | Date | null;
    })[];
    return rows.map((r) => {
      const last = [r.last_intake, r.last_import]
        .filter((v): v is string | Date => v !== null)
        .map((v) => new Date(v).toISOString())
        .sort()
        .at(-1);
      return {
        id: r.id,
        name: r.name,
        created_at: new Date(r.created_at).toISOString(),
        expected_interval_hours: Number(r.expected_interval_hours),
        last_accepted_at: last ?? null,
      };
    });
  }

  async list(
    filter: { type?: SourceType; areaScope: string | null },
    params: ListParams,
  ): Promise<Page<SourceRow>> {
    let q = this.database.db.selectFrom('sources').selectAll();
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.areaScope !== null) q = q.where('area_code', 'like', `${areaScopePrefix(filter.areaScope)}%`);
    const page = await fetchPage<SourceRow>(q, params, {
      sortable: { name: 'name', type: 'type', created: 'created_at' },
      key: 'id',
      searchable: ['name'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, kinds)) };
  }
}
