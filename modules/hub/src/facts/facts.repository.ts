/** SQL for the fact tables: write rows as records arrive, and read a person's facts (cases, timeline). */
import { decodeRow, type Database } from '@shuzhi/db';
import { BulkWriter, type Executor } from '../records/bulk-writer.js';
import { factTables, type FactRow, type FactTableName } from './fact-rows.js';

export interface ObservationFact {
  id: string;
  source_id: string;
  person_id: string | null;
  area_code: string | null;
  received_at: string;
  status: string;
  loinc_code: string;
  test_kind: string;
  result: string;
  value_num: number | null;
  value_unit: string | null;
  specimen_at: string | null;
  resulted_at: string | null;
  performer: string | null;
}

export interface ConditionFact {
  id: string;
  source_id: string;
  person_id: string | null;
  area_code: string | null;
  received_at: string;
  code_system: string;
  code: string;
  classification: string;
  clinical_status: string | null;
  verification_status: string | null;
  onset: string | null;
  recorded_at: string | null;
}

export interface EncounterFact {
  id: string;
  source_id: string;
  person_id: string | null;
  area_code: string | null;
  received_at: string;
  status: string;
  encounter_class: string;
  setting: string;
  start_at: string | null;
  end_at: string | null;
  fever: boolean | null;
  temperature_c: number | null;
  symptoms: string[];
  provider: string | null;
}

export interface ImmunizationFact {
  id: string;
  source_id: string;
  person_id: string | null;
  area_code: string | null;
  received_at: string;
  status: string;
  vaccine_system: string;
  vaccine_code: string;
  vaccine_display: string | null;
  occurred: string;
  dose_number: number | null;
  lot_number: string | null;
  performer: string | null;
}

export interface TravelerFact {
  id: string;
  source_id: string;
  person_id: string | null;
  area_code: string | null;
  received_at: string;
  document_type: string;
  document_number: string;
  arrival: string;
  port: string;
  trip_id: string | null;
  origin_country: string;
  destination_area: string;
}

/** Everything the hub knows clinically about a person (or a merged group of persons). */
export interface PersonFacts {
  observations: ObservationFact[];
  conditions: ConditionFact[];
  encounters: EncounterFact[];
  immunizations: ImmunizationFact[];
  travelers: TravelerFact[];
}

const CHUNK = 4000;

export class FactsRepository {
  private readonly bulk: BulkWriter;

  constructor(private readonly database: Database) {
    this.bulk = new BulkWriter(database);
  }

  /** Inserts fact rows, table by table. */
  async insert(executor: Executor, rows: readonly FactRow[]): Promise<void> {
    const byTable = new Map<FactTableName, Record<string, unknown>[]>();
    for (const { table, row } of rows) {
      const list = byTable.get(table);
      if (list) list.push(row);
      else byTable.set(table, [row]);
    }
    for (const [table, list] of byTable) await this.bulk.insert(executor, factTables[table], list);
  }

  /** Removes the facts of records about to get a new version. */
  async remove(executor: Executor, table: FactTableName, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK)
      await executor
        .deleteFrom(table)
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
  }

  /** Re-points the facts of one subject record to another person (a record split off a person). */
  async repoint(executor: Executor, subjectIds: readonly string[], personId: string): Promise<void> {
    if (subjectIds.length === 0) return;
    for (const table of Object.keys(factTables) as FactTableName[]) {
      await executor
        .updateTable(table)
        .set({ person_id: personId })
        .where('subject_id', 'in', [...subjectIds])
        .execute();
    }
  }

  /** The facts of these persons; with `sourceId`, only the facts of that source's records. */
  async factsOf(
    personIds: readonly string[],
    executor: Executor = this.database.db,
    options: { sourceId?: string } = {},
  ): Promise<PersonFacts> {
    const ids = [...new Set(personIds)];
    const of = async <T>(table: FactTableName): Promise<T[]> => {
      const out: T[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        let query = executor
          .selectFrom(table)
          .selectAll()
          .where('person_id', 'in', ids.slice(i, i + CHUNK));
        if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
        out.push(...((await query.execute()) as T[]));
      }
      return out;
    };
    if (ids.length === 0)
      return { observations: [], conditions: [], encounters: [], immunizations: [], travelers: [] };
    return {
      observations: await of<ObservationFact>('observations'),
      conditions: await of<ConditionFact>('conditions'),
      encounters: (await of<EncounterFact>('encounters')).map((e) =>
        decodeRow(e, { bool: ['fever'], json: ['symptoms'] }),
      ),
      immunizations: await of<ImmunizationFact>('immunizations'),
      travelers: await of<TravelerFact>('travelers'),
    };
  }

  /** The registered names of these sources (an id with no registered source, e.g. `operator`, is left out). */
  async sourceNames(sourceIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(sourceIds)];
    if (ids.length === 0) return new Map();
    const rows = await this.database.db
      .selectFrom('sources')
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(0, CHUNK))
      .execute();
    return new Map(rows.map((r) => [String(r.id), String(r.name)]));
  }

  /** Only what case derivation reads: results and diagnoses of these persons. */
  async caseEvidenceOf(
    executor: Executor,
    personIds: readonly string[],
  ): Promise<Pick<PersonFacts, 'observations' | 'conditions'>> {
    const ids = [...new Set(personIds)];
    const observations: ObservationFact[] = [];
    const conditions: ConditionFact[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      observations.push(
        ...((await executor
          .selectFrom('observations')
          .selectAll()
          .where('person_id', 'in', chunk)
          .execute()) as ObservationFact[]),
      );
      conditions.push(
        ...((await executor
          .selectFrom('conditions')
          .selectAll()
          .where('person_id', 'in', chunk)
          .execute()) as ConditionFact[]),
      );
    }
    return { observations, conditions };
  }
}
