/** SQL for data sources. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
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
    return row ? decodeRow(row as SourceRow, { bool: ['active'] }) : undefined;
  }

  async findByName(name: string): Promise<SourceRow | undefined> {
    const row = await this.database.db
      .selectFrom('sources')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? decodeRow(row as SourceRow, { bool: ['active'] }) : undefined;
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
      searchable: ['name'],
    });
    return { ...page, items: page.items.map((r) => decodeRow(r, { bool: ['active'] })) };
  }
}
