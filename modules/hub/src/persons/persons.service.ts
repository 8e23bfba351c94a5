/**
 * Persons: resolve the ids that sources and imports use to one platform person, creating persons for ids
 * never seen before. Merged persons resolve to the person they were merged into; emptied persons (every record
 * moved away) to the person their records went to, when that is one person.
 */
import { newId, type Clock } from '@shuzhi/core';
import type { Kysely, Transaction } from 'kysely';
import { identifierForNewRef, lookupValuesOf, systemPreference } from './person-refs.js';
import type { IdentifierRow, PersonRow, PersonsRepository, PersonStandingRow } from './persons.repository.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Executor = Kysely<any> | Transaction<any>;

export interface ResolveOptions {
  /** Create a person for each ref nobody knows (default true). */
  createMissing?: boolean;
  sourceId?: string | null;
  /** Write new persons inside this transaction (imports); default: the database directly. */
  executor?: Executor;
}

export class PersonsService {
  constructor(
    private readonly persons: PersonsRepository,
    private readonly clock: Clock,
  ) {}

  countPersons(): Promise<number> {
    return this.persons.countPersons();
  }

  /** Maps each distinct ref to a platform person id; refs not found are created unless told otherwise. */
  async resolveRefs(refs: Iterable<string>, options: ResolveOptions = {}): Promise<Map<string, string>> {
    const distinct = [...new Set(refs)];
    const result = new Map<string, string>();
    const platformIds = distinct.filter((r) => r.startsWith('per_'));
    if (platformIds.length > 0) {
      const found = await this.persons.findPersons(platformIds);
      for (const p of found) result.set(p.id, p.id);
    }
    const rest = distinct.filter((r) => !result.has(r));
    const byValue = new Map<string, IdentifierRow[]>();
    const values = [...new Set(rest.flatMap(lookupValuesOf))];
    for (const row of await this.persons.findIdentifiersByValue(values)) {
      const list = byValue.get(row.value) ?? [];
      list.push(row);
      byValue.set(row.value, list);
    }
    const missing: string[] = [];
    for (const ref of rest) {
      const candidates = lookupValuesOf(ref).flatMap((v) => byValue.get(v) ?? []);
      const best = candidates.sort((a, b) => rank(a.system) - rank(b.system))[0];
      if (best) result.set(ref, best.person_id);
      else missing.push(ref);
    }
    if (missing.length > 0 && options.createMissing !== false) {
      const now = this.clock.now().toISOString();
      const persons: PersonRow[] = [];
      const identifiers: IdentifierRow[] = [];
      for (const ref of missing) {
        const id = newId('per');
        persons.push({
          id,
          created_at: now,
          updated_at: now,
          merged_into: null,
          name: null,
          sex: null,
          birth_date: null,
          area_code: null,
        });
        identifiers.push({
          ...identifierForNewRef(ref),
          person_id: id,
          source_id: options.sourceId ?? null,
          created_at: now,
        });
        result.set(ref, id);
      }
      const executor = options.executor ?? this.persons.db.db;
      await this.persons.insertPersons(executor, persons);
      await this.persons.insertIdentifiers(executor, identifiers);
    }
    // An id of a merged or emptied person stands for whoever now holds its records; one emptied with its
    // records gone to no single person stays itself (an import naming it refuses the row: see
    // `currentPersonsOf`), so every ref still maps to a person.
    const current = await this.currentPersonsOf(result.values());
    return new Map([...result].map(([ref, id]) => [ref, current.get(id) ?? id]));
  }

  /**
   * Who each of these platform persons stands for now: itself; the person it was merged into; for a person
   * emptied because its records moved away (a split, a correction, an undone merge), the person they went to
   * (`persons.emptied_to`) — each followed through chains. Null for an emptied person whose records went to no
   * single person (`emptied_to` unknown) or a chain that ends in one: nobody, so presence naming it must not
   * attach to it. Ids that are no person are left out. `executor`: an import's transaction, which on SQLite
   * holds the one connection.
   */
  async currentPersonsOf(
    ids: Iterable<string>,
    options: { executor?: Executor } = {},
  ): Promise<Map<string, string | null>> {
    const executor = options.executor ?? this.persons.db.db;
    const distinct = [...new Set(ids)];
    const standing = new Map<string, PersonStandingRow>();
    let pending = distinct;
    for (let hop = 0; hop < MAX_HOPS && pending.length > 0; hop++) {
      const rows = await this.persons.standingsOf(executor, pending);
      for (const row of rows) standing.set(row.id, row);
      const next = rows.map(nextOf).filter((id): id is string => id !== null && !standing.has(id));
      pending = [...new Set(next)];
    }
    const result = new Map<string, string | null>();
    for (const id of distinct) if (standing.has(id)) result.set(id, finalPersonOf(id, standing));
    return result;
  }
}

/** Chains of merges and moves followed at most this far (each hop is one lookup). */
const MAX_HOPS = 10;

/** The next person in a chain: the survivor of a merged person, the holder of an emptied one's records. */
function nextOf(row: PersonStandingRow): string | null {
  if (row.merged_into) return row.merged_into;
  return row.emptied_at ? row.emptied_to : null;
}

function finalPersonOf(id: string, standing: ReadonlyMap<string, PersonStandingRow>): string | null {
  const seen = new Set<string>();
  let current = id;
  for (;;) {
    const row = standing.get(current);
    // Past the hops looked up: the last person reached.
    if (!row) return current;
    if (!row.merged_into && !row.emptied_at) return current;
    const next = nextOf(row);
    // Emptied with no single holder, or a cycle: the id stands for nobody.
    if (next === null || seen.has(next)) return null;
    seen.add(current);
    current = next;
  }
}

function rank(system: string): number {
  const i = systemPreference.indexOf(system);
  return i === -1 ? systemPreference.length : i;
}
