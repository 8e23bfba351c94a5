/** SQL for persons (the master person index's persons) and the identifiers that point at them. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '@shuzhi/db';

export interface PersonRow {
  id: string;
  created_at: string;
  updated_at: string;
  merged_into: string | null;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  area_code: string | null;
}

/** What became of a person: merged into another, or emptied (every record moved away) and to where. */
export interface PersonStandingRow {
  id: string;
  merged_into: string | null;
  emptied_at: string | null;
  emptied_to: string | null;
}

export interface IdentifierRow {
  system: string;
  value: string;
  person_id: string;
  source_id: string | null;
  created_at: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export class PersonsRepository {
  constructor(private readonly database: Database) {}

  get db(): Database {
    return this.database;
  }

  async countPersons(): Promise<number> {
    const row = await this.database.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async findPersons(ids: readonly string[]): Promise<PersonRow[]> {
    const out: PersonRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.database.db
        .selectFrom('persons')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      out.push(...(rows as PersonRow[]));
    }
    return out;
  }

  /** The standing of these persons, read through `executor` (an import's transaction on SQLite's one connection). */
  async standingsOf(executor: Executor, ids: readonly string[]): Promise<PersonStandingRow[]> {
    const out: PersonStandingRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await executor
        .selectFrom('persons')
        .select(['id', 'merged_into', 'emptied_at', 'emptied_to'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      out.push(...(rows as PersonStandingRow[]));
    }
    return out;
  }

  async findIdentifiersByValue(values: readonly string[]): Promise<IdentifierRow[]> {
    const out: IdentifierRow[] = [];
    for (let i = 0; i < values.length; i += 500) {
      const rows = await this.database.db
        .selectFrom('person_identifiers')
        .selectAll()
        .where('value', 'in', values.slice(i, i + 500))
        .execute();
      out.push(...(rows as IdentifierRow[]));
    }
    return out;
  }

  async identifiersOf(personIds: readonly string[]): Promise<IdentifierRow[]> {
    const out: IdentifierRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const rows = await this.database.db
        .selectFrom('person_identifiers')
        .selectAll()
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute();
      out.push(...(rows as IdentifierRow[]));
    }
    return out;
  }

  async insertPersons(executor: Executor, rows: PersonRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await executor
        .insertInto('persons')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  async insertIdentifiers(executor: Executor, rows: IdentifierRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await executor
        .insertInto('person_identifiers')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['system', 'value']).doNothing())
        .execute();
    }
  }
}
