/**
 * SQL for person refs: the person ids presence was imported under, numbered for compact rows, and the
 * platform person each resolves to (null until resolved, right after the import commits).
 */
import { sql } from 'kysely';
import type { Database } from '@shuzhi/db';
import type { Executor } from '@shuzhi/hub';

export interface PersonRefRow {
  id: number;
  ref: string;
  person_id: string | null;
}

/** Values per `IN (…)` list: well inside SQLite's and PostgreSQL's parameter limits. */
const IN_CHUNK = 500;

export class PersonRefsRepository {
  constructor(private readonly database: Database) {}

  /** The number of each ref, numbering refs never seen before (their person is resolved later). */
  async numberRefs(executor: Executor, refs: readonly string[], now: string): Promise<Map<string, number>> {
    const distinct = [...new Set(refs)];
    const numbers = await this.#numbersOf(executor, distinct);
    const missing = distinct.filter((ref) => !numbers.has(ref));
    for (let i = 0; i < missing.length; i += IN_CHUNK) {
      const rows = missing.slice(i, i + IN_CHUNK).map((ref) => ({ ref, person_id: null, created_at: now }));
      await executor
        .insertInto('tracing_person_refs')
        .values(rows)
        .onConflict((oc) => oc.column('ref').doNothing())
        .execute();
    }
    if (missing.length > 0)
      for (const [ref, id] of await this.#numbersOf(executor, missing)) numbers.set(ref, id);
    return numbers;
  }

  async #numbersOf(executor: Executor, refs: readonly string[]): Promise<Map<string, number>> {
    const numbers = new Map<string, number>();
    for (let i = 0; i < refs.length; i += IN_CHUNK) {
      const rows = (await executor
        .selectFrom('tracing_person_refs')
        .select(['id', 'ref'])
        .where('ref', 'in', refs.slice(i, i + IN_CHUNK))
        .execute()) as { id: number; ref: string }[];
      for (const row of rows) numbers.set(row.ref, Number(row.id));
    }
    return numbers;
  }

  /** Refs whose person is not resolved yet (oldest first). */
  async unresolved(limit: number): Promise<PersonRefRow[]> {
    return (await this.database.db
      .selectFrom('tracing_person_refs')
      .select(['id', 'ref', 'person_id'])
      .where('person_id', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute()) as PersonRefRow[];
  }

  /** Points refs at persons. */
  async setPersons(executor: Executor, persons: ReadonlyMap<string, string>): Promise<void> {
    const byPerson = new Map<string, string[]>();
    for (const [ref, person] of persons) byPerson.set(person, [...(byPerson.get(person) ?? []), ref]);
    for (const [person, refs] of byPerson)
      for (let i = 0; i < refs.length; i += IN_CHUNK)
        await executor
          .updateTable('tracing_person_refs')
          .set({ person_id: person })
          .where('ref', 'in', refs.slice(i, i + IN_CHUNK))
          .execute();
  }

  /** Every ref of these persons, lowest number first. */
  async refsOfPersons(
    personIds: readonly string[],
    executor: Executor = this.database.db,
  ): Promise<PersonRefRow[]> {
    const rows: PersonRefRow[] = [];
    for (let i = 0; i < personIds.length; i += IN_CHUNK)
      rows.push(
        ...((await executor
          .selectFrom('tracing_person_refs')
          .select(['id', 'ref', 'person_id'])
          .where('person_id', 'in', personIds.slice(i, i + IN_CHUNK))
          .execute()) as PersonRefRow[]),
      );
    return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
  }

  async findRefs(refs: readonly string[]): Promise<PersonRefRow[]> {
    const rows: PersonRefRow[] = [];
    for (let i = 0; i < refs.length; i += IN_CHUNK)
      rows.push(
        ...((await this.database.db
          .selectFrom('tracing_person_refs')
          .select(['id', 'ref', 'person_id'])
          .where('ref', 'in', refs.slice(i, i + IN_CHUNK))
          .execute()) as PersonRefRow[]),
      );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** The index name (see `canonicalNames`) of each of these refs. */
  async canonicalNamesOf(refIds: readonly number[]): Promise<Map<number, string>> {
    const rows: PersonRefRow[] = [];
    for (let i = 0; i < refIds.length; i += IN_CHUNK)
      rows.push(
        ...((await this.database.db
          .selectFrom('tracing_person_refs')
          .select(['id', 'ref', 'person_id'])
          .where('id', 'in', refIds.slice(i, i + IN_CHUNK))
          .execute()) as PersonRefRow[]),
      );
    const persons = [...new Set(rows.flatMap((r) => (r.person_id === null ? [] : [r.person_id])))];
    const firstOf = new Map<string, string>();
    for (const r of await this.refsOfPersons(persons))
      if (!firstOf.has(r.person_id!)) firstOf.set(r.person_id!, r.ref);
    return new Map(rows.map((r) => [Number(r.id), r.person_id === null ? r.ref : firstOf.get(r.person_id)!]));
  }

  /**
   * The name each ref goes by in the presence index: the lowest-numbered ref of its person (so a person
   * known under two ids is one person), or itself while unresolved. Streams the table in pages.
   */
  async canonicalNames(): Promise<Map<number, string>> {
    const firstRefOfPerson = new Map<string, string>();
    const names = new Map<number, string>();
    let after = 0;
    for (;;) {
      const page = (
        await sql<PersonRefRow>`select id, ref, person_id from tracing_person_refs where id > ${after} order by id limit 50000`.execute(
          this.database.db,
        )
      ).rows;
      if (page.length === 0) break;
      for (const row of page) {
        const id = Number(row.id);
        let name = row.ref;
        if (row.person_id !== null) {
          const first = firstRefOfPerson.get(row.person_id);
          if (first === undefined) firstRefOfPerson.set(row.person_id, row.ref);
          else name = first;
        }
        names.set(id, name);
        after = id;
      }
    }
    return names;
  }
}
