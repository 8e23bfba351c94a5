/** SQL for data-sharing agreements. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';

export interface AgreementRow {
  id: string;
  consumer_source_id: string;
  title: string;
  datasets: string[];
  fields: string[];
  purpose: string;
  legal_basis: string;
  valid_from: string;
  expires_at: string;
  status: 'active' | 'revoked';
  created_by: string;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

const kinds = { json: ['datasets', 'fields'] as const };

export class SharingRepository {
  constructor(private readonly database: Database) {}

  async insert(row: AgreementRow): Promise<void> {
    await this.database.db
      .insertInto('sharing_agreements')
      .values({ ...row, datasets: JSON.stringify(row.datasets), fields: JSON.stringify(row.fields) })
      .execute();
  }

  async find(id: string): Promise<AgreementRow | undefined> {
    const row = await this.database.db
      .selectFrom('sharing_agreements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as AgreementRow, kinds) : undefined;
  }

  /** Active, unexpired agreements of one consumer at a moment. */
  async activeFor(consumerSourceId: string, at: string): Promise<AgreementRow[]> {
    const rows = await this.database.db
      .selectFrom('sharing_agreements')
      .selectAll()
      .where('consumer_source_id', '=', consumerSourceId)
      .where('status', '=', 'active')
      .where('valid_from', '<=', at)
      .where('expires_at', '>', at)
      .execute();
    return rows.map((r) => decodeRow(r as AgreementRow, kinds));
  }

  /** Revokes an active agreement; false when it was not active (revoked meanwhile by someone else). */
  async revoke(id: string, by: string, at: string, reason: string): Promise<boolean> {
    const result = await this.database.db
      .updateTable('sharing_agreements')
      .set({ status: 'revoked', revoked_by: by, revoked_at: at, revoke_reason: reason })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(filter: { consumerSourceId?: string }, params: ListParams): Promise<Page<AgreementRow>> {
    let q = this.database.db.selectFrom('sharing_agreements').selectAll();
    if (filter.consumerSourceId) q = q.where('consumer_source_id', '=', filter.consumerSourceId);
    const page = await fetchPage<AgreementRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { created: 'created_at', expires: 'expires_at', title: 'title' },
        key: 'id',
        searchable: ['title', 'legal_basis'],
      },
    );
    return { ...page, items: page.items.map((r) => decodeRow(r, kinds)) };
  }
}
