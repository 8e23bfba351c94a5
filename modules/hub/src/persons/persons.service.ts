/**
 * Persons: resolve the ids that sources and imports use to one platform person, creating persons for ids
 * never seen before. Merged persons resolve to the person they were merged into.
 */
import { newId, type Clock } from '@shuzhi/core';
import type { Kysely, Transaction } from 'kysely';
import { identifierForNewRef, lookupValuesOf, systemPreference } from './person-refs.js';
import type { IdentifierRow, PersonRow, PersonsRepository } from './persons.repository.js';

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
    return this.followMerges(result);
  }

  /** Replaces ids of merged persons by the person they were merged into (chains followed). */
  private async followMerges(map: Map<string, string>): Promise<Map<string, string>> {
    let pending = [...new Set(map.values())];
    const target = new Map<string, string>();
    for (let depth = 0; depth < 10 && pending.length > 0; depth++) {
      const rows = await this.persons.findPersons(pending);
      const next: string[] = [];
      for (const p of rows) {
        if (p.merged_into) {
          target.set(p.id, p.merged_into);
          next.push(p.merged_into);
        }
      }
      pending = next;
    }
    if (target.size === 0) return map;
    const final = (id: string): string => {
      let current = id;
      for (let i = 0; i < 10 && target.has(current); i++) current = target.get(current)!;
      return current;
    };
    return new Map([...map].map(([ref, id]) => [ref, final(id)]));
  }
}

function rank(system: string): number {
  const i = systemPreference.indexOf(system);
  return i === -1 ? systemPreference.length : i;
}
