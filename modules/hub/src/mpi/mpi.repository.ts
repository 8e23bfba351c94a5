/** SQL for the master person index: links, the review queue, merges, golden records and the version counter. */
import { sql } from 'kysely';
import { decodeRow, fetchPage, type Database } from '@shuzhi/db';
import type { ListParams, Page } from '@shuzhi/core';
import type { PairExplanation } from '../core/index.js';
import { BulkWriter, type BulkTable, type Executor } from '../records/bulk-writer.js';
import { KeyLookup, type KeyQuery } from '../records/key-lookup.js';
import { inPersonScope } from './person-area.js';

export type LinkMethod =
  'resident-id' | 'passport' | 'identifier' | 'probabilistic' | 'new' | 'review' | 'manual';

export interface LinkRow {
  record_key: string;
  source_id: string;
  source_record_id: string;
  record_id: string;
  person_id: string;
  method: LinkMethod;
  score: number | null;
  explanation: PairExplanation | null;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  area_code: string | null;
  address: string | null;
  resident_id: string | null;
  passport: string | null;
  export_system: string;
  export_value: string;
  linked_at: string;
  mpi_version: number;
}

export type ReviewStatus = 'open' | 'merged' | 'distinct' | 'superseded';

export interface ReviewRow {
  id: string;
  record_key: string;
  person_id: string;
  candidate_person_id: string;
  candidate_record_key: string;
  score: number;
  explanation: PairExplanation;
  status: ReviewStatus;
  created_at: string;
  decided_by: string | null;
  /** The decider's name when deciding (null for the index itself and for decisions made before names). */
  decided_by_name?: string | null;
  decided_at: string | null;
  merge_id: string | null;
}

export interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  reason: string;
  review_id: string | null;
  merged_by: string;
  merged_at: string;
  status: 'active' | 'undone';
  undone_by: string | null;
  undone_at: string | null;
  mpi_version: number;
}

export interface SplitRow {
  id: string;
  record_key: string;
  from_person_id: string;
  to_person_id: string;
  reason: string;
  split_by: string;
  split_at: string;
}

export interface GoldenRecord {
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  area_code: string | null;
}

export interface PersonRow extends GoldenRecord {
  id: string;
  created_at: string;
  updated_at: string;
  merged_into: string | null;
  /** When its last linked record moved away (it holds nothing and is found by no search). */
  emptied_at?: string | null;
  /** The person that last record moved to. */
  emptied_to?: string | null;
}

export const linkTable: BulkTable = {
  name: 'person_links',
  columns: [
    ['record_key', 'text'],
    ['source_id', 'text'],
    ['source_record_id', 'text'],
    ['record_id', 'text'],
    ['person_id', 'text'],
    ['method', 'text'],
    ['score', 'double'],
    ['explanation', 'json'],
    ['name', 'text'],
    ['sex', 'text'],
    ['birth_date', 'text'],
    ['phone', 'text'],
    ['area_code', 'text'],
    ['address', 'text'],
    ['resident_id', 'text'],
    ['passport', 'text'],
    ['export_system', 'text'],
    ['export_value', 'text'],
    ['linked_at', 'timestamp'],
    ['mpi_version', 'bigint'],
  ],
};

const personTable: BulkTable = {
  name: 'persons',
  columns: [
    ['id', 'text'],
    ['created_at', 'timestamp'],
    ['updated_at', 'timestamp'],
    ['merged_into', 'text'],
    ['name', 'text'],
    ['sex', 'text'],
    ['birth_date', 'text'],
    ['area_code', 'text'],
  ],
};

const identifierTable: BulkTable = {
  name: 'person_identifiers',
  columns: [
    ['system', 'text'],
    ['value', 'text'],
    ['person_id', 'text'],
    ['source_id', 'text'],
    ['created_at', 'timestamp'],
  ],
  ignoreConflictsOn: ['system', 'value'],
};

const reviewTable: BulkTable = {
  name: 'linkage_reviews',
  columns: [
    ['id', 'text'],
    ['record_key', 'text'],
    ['person_id', 'text'],
    ['candidate_person_id', 'text'],
    ['candidate_record_key', 'text'],
    ['score', 'double'],
    ['explanation', 'json'],
    ['status', 'text'],
    ['created_at', 'timestamp'],
    ['decided_by', 'text'],
    ['decided_at', 'timestamp'],
    ['merge_id', 'text'],
  ],
};

export interface IdentifierInsert {
  system: string;
  value: string;
  person_id: string;
  source_id: string | null;
  created_at: string;
}

// Values per IN list: well inside SQLite's 32 766 and PostgreSQL's 65 535 bound parameters, few round trips.
const CHUNK = 4000;
/** Look-ups each ingest batch makes (see records/key-lookup.ts). */
const linksQuery: KeyQuery = { table: 'person_links', columns: '*', equal: [], key: 'record_key' };
const identifiersQuery: KeyQuery = { table: 'person_identifiers', columns: '*', equal: [], key: 'value' };
const personsQuery: KeyQuery = { table: 'persons', columns: '*', equal: [], key: 'id' };
const mergedTargetsQuery: KeyQuery = {
  table: 'persons',
  columns: ['id', 'merged_into'],
  equal: [],
  key: 'id',
  condition: 'merged_into IS NOT NULL',
};
const mergedIntoQuery: KeyQuery = { table: 'persons', columns: '*', equal: [], key: 'merged_into' };

/** Who closed a review the index itself made moot (as the audit of corrections names the index). */
const SYSTEM_ACTOR = 'system:hub-mpi';

export class MpiRepository {
  readonly bulk: BulkWriter;
  private readonly lookup: KeyLookup;

  constructor(private readonly database: Database) {
    this.bulk = new BulkWriter(database);
    this.lookup = new KeyLookup(database);
  }

  get db(): Database {
    return this.database;
  }

  /** Increments the index version inside the caller's transaction; the row lock serialises linking. */
  async bumpVersion(executor: Executor): Promise<number> {
    await executor
      .updateTable('mpi_state')
      .set({ version: sql`version + 1` })
      .where('id', '=', 1)
      .execute();
    const row = await executor
      .selectFrom('mpi_state')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return Number((row as { version: number }).version);
  }

  async currentVersion(executor: Executor = this.database.db): Promise<number> {
    const row = await executor
      .selectFrom('mpi_state')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst();
    return Number((row as { version: number } | undefined)?.version ?? 0);
  }

  /** Every link, in pages (the in-memory index is built from them). */
  async *allLinks(executor: Executor, pageSize = 20_000): AsyncGenerator<LinkRow[]> {
    let after = '';
    for (;;) {
      const rows = (await executor
        .selectFrom('person_links')
        .selectAll()
        .where('record_key', '>', after)
        .orderBy('record_key')
        .limit(pageSize)
        .execute()) as LinkRow[];
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]!.record_key;
    }
  }

  async linksSince(executor: Executor, afterVersion: number, upToVersion: number): Promise<LinkRow[]> {
    return (await executor
      .selectFrom('person_links')
      .selectAll()
      .where('mpi_version', '>', afterVersion)
      .where('mpi_version', '<=', upToVersion)
      .execute()) as LinkRow[];
  }

  async mergesSince(executor: Executor, afterVersion: number, upToVersion: number): Promise<number> {
    const row = await executor
      .selectFrom('person_merges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mpi_version', '>', afterVersion)
      .where('mpi_version', '<=', upToVersion)
      .executeTakeFirst();
    return Number((row as { n: number } | undefined)?.n ?? 0);
  }

  /** Persons merged into another: id → the person it was merged into. */
  async mergedPersons(executor: Executor): Promise<Map<string, string>> {
    const rows = (await executor
      .selectFrom('persons')
      .select(['id', 'merged_into'])
      .where('merged_into', 'is not', null)
      .execute()) as { id: string; merged_into: string }[];
    return new Map(rows.map((r) => [r.id, r.merged_into]));
  }

  async findLinks(executor: Executor, recordKeys: readonly string[]): Promise<LinkRow[]> {
    const prepared = this.lookup.rows<LinkRow>(executor, linksQuery, [], recordKeys);
    if (prepared) return prepared.map(decodeLink);
    const out: LinkRow[] = [];
    for (let i = 0; i < recordKeys.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('person_links')
        .selectAll()
        .where('record_key', 'in', recordKeys.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as LinkRow[]).map(decodeLink));
    }
    return out;
  }

  async linksOfPersons(executor: Executor, personIds: readonly string[]): Promise<LinkRow[]> {
    const out: LinkRow[] = [];
    for (let i = 0; i < personIds.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('person_links')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + CHUNK))
        .orderBy('linked_at')
        .execute();
      out.push(...(rows as LinkRow[]).map(decodeLink));
    }
    return out;
  }

  async insertLinks(executor: Executor, rows: readonly LinkRow[]): Promise<void> {
    await this.bulk.insert(executor, linkTable, rows as unknown as Record<string, unknown>[]);
  }

  /**
   * A corrected person record: keep its person, refresh the fields linkage compares. Its link time becomes the
   * correction's: it is its source's newest word on the person (the source's read-back names and dates the
   * person by it; a golden record rebuilt after a move orders records by it).
   */
  async updateLinkFields(executor: Executor, row: LinkRow): Promise<void> {
    await executor
      .updateTable('person_links')
      .set({
        name: row.name,
        sex: row.sex,
        birth_date: row.birth_date,
        phone: row.phone,
        area_code: row.area_code,
        address: row.address,
        resident_id: row.resident_id,
        passport: row.passport,
        export_system: row.export_system,
        export_value: row.export_value,
        linked_at: row.linked_at,
        mpi_version: row.mpi_version,
      })
      .where('record_key', '=', row.record_key)
      .execute();
  }

  /** A corrected person record linked again (to its person or another): every field of the link. */
  async relinkRecord(executor: Executor, row: LinkRow): Promise<void> {
    const { record_key: recordKey, ...rest } = row;
    await executor.updateTable('person_links').set(rest).where('record_key', '=', recordKey).execute();
  }

  async moveLinks(
    executor: Executor,
    recordKeys: readonly string[],
    personId: string,
    version: number,
  ): Promise<void> {
    for (let i = 0; i < recordKeys.length; i += CHUNK)
      await executor
        .updateTable('person_links')
        .set({ person_id: personId, mpi_version: version, method: 'manual' })
        .where('record_key', 'in', recordKeys.slice(i, i + CHUNK))
        .execute();
  }

  async insertPersons(executor: Executor, rows: readonly PersonRow[]): Promise<void> {
    await this.bulk.insert(executor, personTable, rows as unknown as Record<string, unknown>[]);
  }

  async insertIdentifiers(executor: Executor, rows: readonly IdentifierInsert[]): Promise<void> {
    await this.bulk.insert(executor, identifierTable, rows as unknown as Record<string, unknown>[]);
  }

  /** Identifier rows for these values (any system), to link deterministically on identifiers already known. */
  async identifiersByValue(executor: Executor, values: readonly string[]): Promise<IdentifierInsert[]> {
    const prepared = this.lookup.rows<IdentifierInsert>(executor, identifiersQuery, [], values);
    if (prepared) return prepared;
    const out: IdentifierInsert[] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('person_identifiers')
        .selectAll()
        .where('value', 'in', values.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as IdentifierInsert[]));
    }
    return out;
  }

  async findPersons(executor: Executor, ids: readonly string[]): Promise<PersonRow[]> {
    const prepared = this.lookup.rows<PersonRow>(executor, personsQuery, [], ids);
    if (prepared) return prepared;
    const out: PersonRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('persons')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as PersonRow[]));
    }
    return out;
  }

  /**
   * Of these persons, those merged into another: id → the person it was merged into. Reads only the merged
   * rows' two columns: most persons were never merged, and an import asks about every person it touched.
   */
  async mergedTargetsOf(executor: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    type Merged = { id: string; merged_into: string };
    const prepared = this.lookup.rows<Merged>(executor, mergedTargetsQuery, [], ids);
    if (prepared) return new Map(prepared.map((row) => [row.id, row.merged_into]));
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = (await executor
        .selectFrom('persons')
        .select(['id', 'merged_into'])
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .where('merged_into', 'is not', null)
        .execute()) as Merged[];
      for (const row of rows) out.set(row.id, row.merged_into);
    }
    return out;
  }

  async updateGolden(executor: Executor, id: string, golden: GoldenRecord, at: string): Promise<void> {
    await executor
      .updateTable('persons')
      .set({ ...golden, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async setMergedInto(executor: Executor, id: string, into: string | null, at: string): Promise<void> {
    await executor
      .updateTable('persons')
      .set({ merged_into: into, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** Marks a person emptied: its last linked record moved to `movedTo` (null: not known, see `unmerge`). */
  async markEmptied(
    executor: Executor,
    id: string,
    emptied: { at: string; movedTo: string | null },
  ): Promise<void> {
    await executor
      .updateTable('persons')
      .set({ emptied_at: emptied.at, emptied_to: emptied.movedTo, updated_at: emptied.at })
      .where('id', '=', id)
      .execute();
  }

  /** Persons merged directly into one of these. */
  async mergedInto(executor: Executor, ids: readonly string[]): Promise<PersonRow[]> {
    const prepared = this.lookup.rows<PersonRow>(executor, mergedIntoQuery, [], ids);
    if (prepared) return prepared;
    const out: PersonRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await executor
        .selectFrom('persons')
        .selectAll()
        .where('merged_into', 'in', ids.slice(i, i + CHUNK))
        .execute();
      out.push(...(rows as PersonRow[]));
    }
    return out;
  }

  async insertReviews(executor: Executor, rows: readonly ReviewRow[]): Promise<void> {
    await this.bulk.insert(executor, reviewTable, rows as unknown as Record<string, unknown>[]);
  }

  async findReview(executor: Executor, id: string): Promise<ReviewRow | undefined> {
    const row = await executor
      .selectFrom('linkage_reviews')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? decodeRow(row as ReviewRow, { json: ['explanation'] }) : undefined;
  }

  /**
   * Closes an open review; false when it was no longer open (decided meanwhile). The status condition is
   * in the UPDATE itself, so two people deciding the same pair at once cannot both win.
   */
  async decideReview(
    executor: Executor,
    id: string,
    decision: { status: ReviewStatus; by: string; byName?: string; at: string; mergeId?: string | null },
  ): Promise<boolean> {
    const result = await executor
      .updateTable('linkage_reviews')
      .set({
        status: decision.status,
        decided_by: decision.by,
        decided_by_name: decision.byName ?? null,
        decided_at: decision.at,
        merge_id: decision.mergeId ?? null,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The ids of the reviews a merge closed (decided by it, or superseded as moot by it). */
  async reviewIdsOfMerge(executor: Executor, mergeId: string): Promise<string[]> {
    const rows = await executor
      .selectFrom('linkage_reviews')
      .select('id')
      .where('merge_id', '=', mergeId)
      .execute();
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /**
   * Reviews a merge closed are open again once it is undone — those whose record is still with the person it
   * arrived as. One its source corrected to another person meanwhile is moot: open, its merge would join
   * the person the record left.
   */
  async reopenReviewsOfMerge(executor: Executor, mergeId: string, at: string): Promise<void> {
    const stillThere = sql<boolean>`exists (select 1 from person_links l where l.record_key = linkage_reviews.record_key and l.person_id = linkage_reviews.person_id)`;
    await executor
      .updateTable('linkage_reviews')
      .set({ status: 'open', decided_by: null, decided_by_name: null, decided_at: null, merge_id: null })
      .where('merge_id', '=', mergeId)
      .where(stillThere)
      .execute();
    await executor
      .updateTable('linkage_reviews')
      .set({
        status: 'superseded',
        decided_by: SYSTEM_ACTOR,
        decided_by_name: null,
        decided_at: at,
        merge_id: null,
      })
      .where('merge_id', '=', mergeId)
      .where(sql<boolean>`not ${stillThere}`)
      .execute();
  }

  /** Open reviews of this arriving record (a correction of it judges them again). */
  async openReviewsOfRecord(executor: Executor, recordKey: string): Promise<ReviewRow[]> {
    const rows = await executor
      .selectFrom('linkage_reviews')
      .selectAll()
      .where('status', '=', 'open')
      .where('record_key', '=', recordKey)
      .execute();
    return (rows as ReviewRow[]).map((r) => decodeRow(r, { json: ['explanation'] }));
  }

  /** Closes open reviews nobody decided: what they compared is gone (a correction replaced them). */
  async supersedeReviews(executor: Executor, ids: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK)
      await executor
        .updateTable('linkage_reviews')
        .set({ status: 'superseded', decided_by: SYSTEM_ACTOR, decided_at: at, merge_id: null })
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .where('status', '=', 'open')
        .execute();
  }

  /**
   * Closes the open reviews of a record that moved (split off, corrected away): those that paired it as part
   * of another person than the one it is with now. What they compared is no longer what a merge would join.
   */
  async supersedeReviewsOfMovedRecord(
    executor: Executor,
    moved: { recordKey: string; personId: string; at: string },
  ): Promise<void> {
    const superseded = {
      status: 'superseded',
      decided_by: SYSTEM_ACTOR,
      decided_at: moved.at,
      merge_id: null,
    };
    await executor
      .updateTable('linkage_reviews')
      .set(superseded)
      .where('status', '=', 'open')
      .where('record_key', '=', moved.recordKey)
      .where('person_id', '!=', moved.personId)
      .execute();
    await executor
      .updateTable('linkage_reviews')
      .set(superseded)
      .where('status', '=', 'open')
      .where('candidate_record_key', '=', moved.recordKey)
      .where('candidate_person_id', '!=', moved.personId)
      .execute();
  }

  /** Open reviews involving any of these persons (after a merge they may have become moot). */
  async openReviewsOf(executor: Executor, personIds: readonly string[]): Promise<ReviewRow[]> {
    if (personIds.length === 0) return [];
    const rows = await executor
      .selectFrom('linkage_reviews')
      .selectAll()
      .where('status', '=', 'open')
      .where((eb) =>
        eb.or([eb('person_id', 'in', [...personIds]), eb('candidate_person_id', 'in', [...personIds])]),
      )
      .execute();
    return (rows as ReviewRow[]).map((r) => decodeRow(r, { json: ['explanation'] }));
  }

  async listReviews(
    filter: { status?: ReviewStatus; areaScope?: string | null },
    params: ListParams,
  ): Promise<Page<ReviewRow>> {
    let q = this.database.db.selectFrom('linkage_reviews').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    // Within an area scope: pairs whose arriving record's person is filed there (see person-area.ts).
    if (filter.areaScope) {
      q = q.where(
        'person_id',
        'in',
        this.database.db
          .selectFrom('persons')
          .select('id')
          .where(inPersonScope('area_code', filter.areaScope)),
      );
    }
    const page = await fetchPage<ReviewRow>(
      q,
      { ...params, order: params.sort ? params.order : 'desc' },
      {
        sortable: { created: 'created_at', score: 'score' },
        key: 'id',
        searchable: ['record_key', 'candidate_record_key'],
      },
    );
    return { ...page, items: page.items.map((r) => decodeRow(r, { json: ['explanation'] })) };
  }

  async countOpenReviews(): Promise<number> {
    const row = await this.database.db
      .selectFrom('linkage_reviews')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number((row as { n: number } | undefined)?.n ?? 0);
  }

  async insertMerge(executor: Executor, row: MergeRow): Promise<void> {
    await executor.insertInto('person_merges').values(row).execute();
  }

  async findMerge(executor: Executor, id: string): Promise<MergeRow | undefined> {
    return (await executor
      .selectFrom('person_merges')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as MergeRow | undefined;
  }

  async undoMerge(
    executor: Executor,
    id: string,
    undo: { by: string; at: string; version: number },
  ): Promise<void> {
    await executor
      .updateTable('person_merges')
      .set({ status: 'undone', undone_by: undo.by, undone_at: undo.at, mpi_version: undo.version })
      .where('id', '=', id)
      .execute();
  }

  async insertSplit(executor: Executor, row: SplitRow): Promise<void> {
    await executor.insertInto('person_splits').values(row).execute();
  }

  /** The splits that took a record off these persons or made one of them, newest first. */
  async splitsOf(personIds: readonly string[]): Promise<SplitRow[]> {
    if (personIds.length === 0) return [];
    return (await this.database.db
      .selectFrom('person_splits')
      .selectAll()
      .where((eb) =>
        eb.or([eb('from_person_id', 'in', [...personIds]), eb('to_person_id', 'in', [...personIds])]),
      )
      .orderBy('split_at', 'desc')
      .orderBy('id')
      .execute()) as SplitRow[];
  }

  async mergesOf(personIds: readonly string[]): Promise<MergeRow[]> {
    if (personIds.length === 0) return [];
    return (await this.database.db
      .selectFrom('person_merges')
      .selectAll()
      .where((eb) => eb.or([eb('survivor_id', 'in', [...personIds]), eb('merged_id', 'in', [...personIds])]))
      .orderBy('merged_at', 'desc')
      .execute()) as MergeRow[];
  }
}

function decodeLink(row: LinkRow): LinkRow {
  return decodeRow(row, { json: ['explanation'] });
}
