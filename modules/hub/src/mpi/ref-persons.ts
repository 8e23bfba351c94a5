/**
 * Persons for imported ids (resident ID numbers, `passport:COUNTRY:NUMBER`), inside the caller's
 * transaction: the person who holds the id, or a new person created for it. (`PersonsService.resolveRefs`
 * does the same but reads outside the transaction, which waits forever on SQLite's single connection.)
 */
import { newId } from '@shuzhi/core';
import { identifierForNewRef, lookupValuesOf, systemPreference } from '../persons/person-refs.js';
import type { Executor } from '../records/bulk-writer.js';
import type { MpiRepository } from './mpi.repository.js';
import { survivorsOf } from './person-groups.js';

export async function personsForRefs(
  repository: MpiRepository,
  executor: Executor,
  request: {
    refs: readonly string[];
    sourceId: string | null;
    now: string;
    /** The submitting source's registered area: where a new person is filed (属地) until a record says. */
    areaCode?: string | null;
  },
): Promise<Map<string, string>> {
  const refs = [...new Set(request.refs)];
  const values = [...new Set(refs.flatMap(lookupValuesOf))];
  const rows = values.length === 0 ? [] : await repository.identifiersByValue(executor, values);
  const rank = (system: string) => {
    const i = systemPreference.indexOf(system);
    return i < 0 ? systemPreference.length : i;
  };
  const out = new Map<string, string>();
  const created: { ref: string; personId: string }[] = [];
  for (const ref of refs) {
    const wanted = new Set(lookupValuesOf(ref));
    const best = rows.filter((r) => wanted.has(r.value)).sort((a, b) => rank(a.system) - rank(b.system))[0];
    if (best) out.set(ref, best.person_id);
    else created.push({ ref, personId: newId('per') });
  }
  await repository.insertPersons(
    executor,
    created.map(({ personId }) => ({
      id: personId,
      created_at: request.now,
      updated_at: request.now,
      merged_into: null,
      name: null,
      sex: null,
      birth_date: null,
      area_code: request.areaCode ?? null,
    })),
  );
  await repository.insertIdentifiers(
    executor,
    created.map(({ ref, personId }) => ({
      ...identifierForNewRef(ref),
      person_id: personId,
      source_id: request.sourceId,
      created_at: request.now,
    })),
  );
  for (const { ref, personId } of created) out.set(ref, personId);
  const survivors = await survivorsOf(repository, executor, [...new Set(out.values())]);
  return new Map([...out].map(([ref, id]) => [ref, survivors.get(id) ?? id]));
}
