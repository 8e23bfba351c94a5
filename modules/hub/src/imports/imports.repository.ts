/** SQL for import jobs: what was imported, by whom, with what result, which errors and which warnings. */
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import { sourceTypeSchema, type SourceType } from '../sources.schema.js';
import type { ImportIssue } from './import-handler.js';

export interface ImportJobRow {
  id: string;
  kind: string;
  file_name: string;
  status: 'running' | 'accepted' | 'partial' | 'rejected' | 'failed';
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  progress: number;
  issues: ImportIssue[];
  /** Problems of records imported despite them; the first `STORED_ISSUES` (imports.service.ts). */
  warnings: ImportIssue[];
  /** How many warnings the import had in all (more than `warnings` holds when they were capped). */
  warning_count: number;
  actor_id: string;
  source_id: string | null;
  created_at: string;
  finished_at: string | null;
  /** The process running it (`job-owner.ts`); null for jobs recorded before owners were. */
  owner: string | null;
  /** When its process last said it still runs it (written on PostgreSQL only; see `ImportsService`). */
  heartbeat_at: string | null;
}

/** A running job as the sweep sees it: whose it is and when its owner last showed life. */
export type RunningJob = Pick<ImportJobRow, 'id' | 'owner' | 'heartbeat_at'>;

export class ImportsRepository {
  constructor(private readonly database: Database) {}

  async insert(row: ImportJobRow): Promise<void> {
    await this.database.db
      .insertInto('import_jobs')
      .values({ ...row, issues: JSON.stringify(row.issues), warnings: JSON.stringify(row.warnings) })
      .execute();
  }

  /** The registered type of a data source (`lab`, `venue`…): which import kinds it submits. Undefined if unregistered. */
  async sourceTypeOf(sourceId: string): Promise<SourceType | undefined> {
    const row = await this.database.db
      .selectFrom('sources')
      .select('type')
      .where('id', '=', sourceId)
      .executeTakeFirst();
    const type = (row as { type: string } | undefined)?.type;
    return sourceTypeSchema.safeParse(type).data;
  }

  async update(id: string, patch: Partial<Omit<ImportJobRow, 'id'>>): Promise<void> {
    const values: Record<string, unknown> = { ...patch };
    if (patch.issues) values['issues'] = JSON.stringify(patch.issues);
    if (patch.warnings) values['warnings'] = JSON.stringify(patch.warnings);
    await this.database.db.updateTable('import_jobs').set(values).where('id', '=', id).execute();
  }

  /**
   * A running job's progress. Sent without waiting, it may arrive after the job's final row: a job that has
   * ended keeps the progress it ended with.
   */
  async updateProgress(id: string, progress: number): Promise<void> {
    await this.database.db
      .updateTable('import_jobs')
      .set({ progress })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /** Keeps the running jobs of a live process from looking abandoned. */
  async heartbeat(ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.database.db
      .updateTable('import_jobs')
      .set({ heartbeat_at: at })
      .where('id', 'in', ids)
      .where('status', '=', 'running')
      .execute();
  }

  async running(): Promise<RunningJob[]> {
    return this.database.db
      .selectFrom('import_jobs')
      .select(['id', 'owner', 'heartbeat_at'])
      .where('status', '=', 'running')
      .execute() as Promise<RunningJob[]>;
  }

  /** Marks a job failed with its reason, unless it ended meanwhile; true when it was still running. */
  async failRunningJob(id: string, at: string, issues: ImportIssue[]): Promise<boolean> {
    const result = await this.database.db
      .updateTable('import_jobs')
      .set({ status: 'failed', finished_at: at, issues: JSON.stringify(issues) })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // Jobs are read from the last commit (`Database.reader`): the imports page must answer while an import runs.
  async find(id: string): Promise<ImportJobRow | undefined> {
    const row = await this.database.reader
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as ImportJobRow, { json: ['issues', 'warnings'] }) : undefined;
  }

  async list(
    filter: { actorId?: string; sourceId?: string },
    params: ListParams,
  ): Promise<Page<ImportJobRow>> {
    let q = this.database.reader
      .selectFrom('import_jobs')
      .select([
        'id',
        'kind',
        'file_name',
        'status',
        'total',
        'accepted',
        'unchanged',
        'rejected',
        'progress',
        'warning_count',
        'actor_id',
        'source_id',
        'created_at',
        'finished_at',
        'owner',
        'heartbeat_at',
      ]);
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.sourceId) q = q.where('source_id', '=', filter.sourceId);
    const page = await fetchPage<ImportJobRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { created: 'created_at', kind: 'kind', status: 'status' },
        key: 'id',
        searchable: ['file_name', 'kind'],
      },
    );
    return { ...page, items: page.items.map((r) => ({ ...r, issues: [], warnings: [] })) };
  }
}
