/**
 * SQL for a data source reading back what it submitted: the persons its own patient records are linked to,
 * found by its own record numbers or by the name its records give, and those records' demographics. Reads
 * only rows of that source.
 */
import { sql } from 'kysely';
import type { Database } from '@shuzhi/db';
import { storedTypeOf } from '../records/record-kinds.js';

/** One of the source's own patient records, as linked to a person. */
export interface SubmittedPatientRow {
  person_id: string;
  /** The patient record's id in the hub (the source's own resource id, or a random id for a CSV row). */
  record_id: string;
  source_record_id: string;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  area_code: string | null;
  linked_at: string;
}

/** Sort keys of a source's persons list → the column of its newest own patient record they order by. */
export const submittedSortColumns = {
  linked: 'linked_at',
  name: 'name',
  birthDate: 'birth_date',
  area: 'area_code',
} as const;
export type SubmittedSort = keyof typeof submittedSortColumns;
const sortColumns = submittedSortColumns;

const CHUNK = 500;
/** Merges followed from a merged person to its survivor, as `survivorsOf` does (a cycle stops there). */
const MAX_MERGE_DEPTH = 20;
/** Every stored type a record number may belong to (a result, a visit, a patient …). */
const recordTypes = Object.values(storedTypeOf);

/** `%text%` for LIKE, with the pattern characters of the text taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class SubmittedPersonsRepository {
  constructor(private readonly database: Database) {}

  /**
   * Persons the source's patient records point at, each as its survivor when it was merged (a merge leaves
   * links on the merged person), in the order asked for. Paged and counted after the merge: two of the
   * source's persons merged into one are one person, on one page, counted once. A person sorts by what the
   * source's own newest patient record about them states (as the list shows them), never by the golden record.
   */
  async linkedPersons(
    sourceId: string,
    page: { limit: number; offset: number; sort: SubmittedSort; order: 'asc' | 'desc' },
    /** Only persons one of whose own records matches this (a record number, ID number or part of a name). */
    search?: string,
  ): Promise<{ personIds: string[]; total: number }> {
    const db = this.database.db;
    // A search keeps the persons (as survivors) of the matching records, and sorts, pages and counts them here
    // like the whole list: every match, in the order asked for, never a first few sorted afterwards.
    const kept =
      search === undefined
        ? sql`survivor`
        : sql`(select * from survivor where survivor.id in (
            select s.id from survivor s where s.start_id in (
              select person_id from person_links where source_id = ${sourceId} and (
                source_record_id = ${search} or resident_id = ${search.toUpperCase()}
                or passport = ${search.toUpperCase()}
                or lower(name) like ${containing(search)} escape '\\')
              union
              select person_id from hub_records where source_id = ${sourceId} and source_record_id = ${search}
                and person_id is not null and resource_type in (${sql.join(recordTypes)})
            )
          ))`;
    const survivors = sql`
      with recursive own(person_id, last_linked) as (
        select person_id, max(linked_at) from person_links where source_id = ${sourceId} group by person_id
      ),
      chain(start_id, id, depth) as (
        select person_id, person_id, 0 from own
        union all
        select chain.start_id, persons.merged_into, chain.depth + 1
        from chain join persons on persons.id = chain.id
        where persons.merged_into is not null and chain.depth < ${MAX_MERGE_DEPTH}
      ),
      survivor(start_id, id) as (
        select chain.start_id, chain.id from chain left join persons on persons.id = chain.id
        where persons.merged_into is null
      )`;
    const column = sql.ref(`newest.${sortColumns[page.sort]}`);
    const direction = page.order === 'desc' ? sql`desc` : sql`asc`;
    // Newest own patient record per person, as `asSubmittedPerson` picks it (linked last, then lowest id).
    const rows = await sql<{ person_id: string }>`
      ${survivors},
      ranked as (
        select survivor.id as person_id, l.linked_at, l.name, l.birth_date, l.area_code,
          row_number() over (partition by survivor.id order by l.linked_at desc, l.record_id) as newest_first
        from person_links l join ${kept} as survivor on survivor.start_id = l.person_id
        where l.source_id = ${sourceId}
      ),
      newest as (select * from ranked where newest_first = 1)
      select newest.person_id from newest
      order by case when ${column} is null then 1 else 0 end, ${column} ${direction}, newest.person_id ${direction}
      limit ${page.limit} offset ${page.offset}`.execute(db);
    const count = await sql<{ n: number | string }>`
      ${survivors}
      select count(distinct survivor.id) as n from ${kept} as survivor`.execute(db);
    return {
      personIds: rows.rows.map((r) => String(r.person_id)),
      total: Number(count.rows[0]?.n ?? 0),
    };
  }

  /** The source's own patient records linked to these persons. */
  async patientsOf(sourceId: string, personIds: readonly string[]): Promise<SubmittedPatientRow[]> {
    const out: SubmittedPatientRow[] = [];
    for (let i = 0; i < personIds.length; i += CHUNK) {
      const rows = await this.database.db
        .selectFrom('person_links')
        .select([
          'person_id',
          'record_id',
          'source_record_id',
          'name',
          'sex',
          'birth_date',
          'area_code',
          'linked_at',
        ])
        .where('source_id', '=', sourceId)
        .where('person_id', 'in', personIds.slice(i, i + CHUNK))
        .orderBy('linked_at', 'desc')
        .execute();
      out.push(...(rows as SubmittedPatientRow[]));
    }
    return out;
  }

  /**
   * The person (as linked) one of the source's own records is about, by the record's id in the hub: its patient
   * record's link, else the subject of its result, visit or vaccination. Another source's record: undefined.
   */
  async personOfOwnRecord(sourceId: string, handle: string): Promise<string | undefined> {
    const recordId = await this.platformIdOf(sourceId, handle);
    if (recordId === undefined) return undefined;
    const link = await this.database.db
      .selectFrom('person_links')
      .select('person_id')
      .where('source_id', '=', sourceId)
      .where('record_id', '=', recordId)
      .executeTakeFirst();
    if (link) return String(link.person_id);
    const record = await this.database.db
      .selectFrom('hub_records')
      .select('person_id')
      .where('source_id', '=', sourceId)
      .where('id', '=', recordId)
      .where('person_id', 'is not', null)
      .executeTakeFirst();
    return record ? String(record.person_id) : undefined;
  }

  /**
   * The platform id of the source's own record it knows as `handle`. A source names its records by the ids it
   * gave them (`local_id` where another source's record already held that id, else the id itself); the
   * platform id of a record whose id collided is a new one, and is never the source's name for it.
   */
  private async platformIdOf(sourceId: string, handle: string): Promise<string | undefined> {
    const row = await this.database.db
      .selectFrom('hub_records')
      .select('id')
      .where('source_id', '=', sourceId)
      .where((eb) =>
        eb.or([eb('local_id', '=', handle), eb.and([eb('id', '=', handle), eb('local_id', 'is', null)])]),
      )
      .orderBy(sql`case when resource_type = 'Patient' then 0 else 1 end`)
      .executeTakeFirst();
    return row ? String(row.id) : undefined;
  }

  /** The names the source knows its records by (see `platformIdOf`), for records named by platform id. */
  async ownNamesOf(sourceId: string, recordIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < recordIds.length; i += CHUNK) {
      const rows = await this.database.db
        .selectFrom('hub_records')
        .select(['id', 'local_id'])
        .where('source_id', '=', sourceId)
        .where('id', 'in', recordIds.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) names.set(String(row.id), String(row.local_id ?? row.id));
    }
    return names;
  }

  /** For each person, the id of the source's newest own record about them (results, visits …), if any. */
  async newestOwnRecords(sourceId: string, personIds: readonly string[]): Promise<Map<string, string>> {
    const newest = new Map<string, string>();
    for (let i = 0; i < personIds.length; i += CHUNK) {
      const rows = await this.database.db
        .selectFrom('hub_records')
        .select(['person_id', 'id'])
        .where('source_id', '=', sourceId)
        .where('person_id', 'in', personIds.slice(i, i + CHUNK))
        .orderBy('received_at', 'desc')
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const person = String(row.person_id);
        if (!newest.has(person)) newest.set(person, String(row.id));
      }
    }
    return newest;
  }
}
