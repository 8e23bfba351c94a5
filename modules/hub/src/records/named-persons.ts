/**
 * A traveller's `person_id` may be a platform person id (`per_…`), as a check-in's may (DESIGN.md, check-in
 * CSV): it names the person that id stands for now — itself, the survivor of a merge, or the one person an
 * emptied person's records went to (`PersonsService.currentPersonsOf`, the rule check-ins follow). A row
 * naming a person who stands for nobody (records gone to several persons) is refused.
 */
import { coded } from '../core/index.js';
import type { IdentifierInsert, MpiRepository } from '../mpi/mpi.repository.js';
import { IMPORTED_ID_SYSTEM } from '../persons/person-refs.js';
import type { PersonsService } from '../persons/persons.service.js';
import type { Executor } from './bulk-writer.js';
import type { IncomingRecord, IngestOutcome, PreparedRecord } from './incoming.js';

/** The platform person id a record's alias names (a traveller's `per_…` person_id), if it names one. */
export function platformIdOfAlias(item: IncomingRecord): string | null {
  const alias = item.alias;
  return alias?.system === IMPORTED_ID_SYSTEM && alias.value.startsWith('per_') ? alias.value : null;
}

/**
 * Who each platform person id named by these records stands for now; null: nobody. Ids that are no person
 * are left out (an unknown id becomes a new person holding it, as any unknown imported id does).
 */
export async function namedPersonsOf(
  executor: Executor,
  persons: PersonsService,
  items: readonly IncomingRecord[],
): Promise<Map<string, string | null>> {
  const ids = items.flatMap((item) => platformIdOfAlias(item) ?? []);
  return ids.length === 0 ? new Map() : persons.currentPersonsOf(ids, { executor });
}

/**
 * Refuses every record of a line that names a person who stands for nobody (422, column `person_id`): filed
 * under that person it would be presence of nobody, and under a new one a second person for someone the hub
 * knows. True when any was refused.
 */
export function refuseNamingNobody(
  prepared: readonly PreparedRecord[],
  named: ReadonlyMap<string, string | null>,
  outcomes: Map<PreparedRecord, IngestOutcome>,
): boolean {
  const nobody = new Map<number, string>();
  for (const { item } of prepared) {
    const id = platformIdOfAlias(item);
    if (id !== null && named.get(id) === null) nobody.set(item.position, id);
  }
  const reported = new Set<number>();
  for (const p of prepared) {
    const { position } = p.item;
    const id = nobody.get(position);
    if (id === undefined || outcomes.has(p)) continue;
    // One issue per line: the row's other records (the traveller) add nothing to it.
    const issues = reported.has(position)
      ? []
      : [{ position, field: 'person_id', ...coded('person-emptied', { id }) }];
    reported.add(position);
    outcomes.set(p, { position, status: 'rejected', httpStatus: 422, issues });
  }
  return nobody.size > 0;
}

/**
 * Makes each platform id these records name known, before linking, as an imported id of the person it stands
 * for: the linker resolves a traveller's `person_id` through the identifiers the hub knows (`alias`), and a
 * platform id is none of them, so the row went to a new person holding another person's id. The linker
 * writes the same identifier after linking the row; a row it links by a document to someone else keeps it
 * there (documents come first, as for any alias).
 */
export async function makeNamedPersonsKnown(
  executor: Executor,
  mpi: MpiRepository,
  request: {
    prepared: readonly PreparedRecord[];
    named: ReadonlyMap<string, string | null>;
    outcomes: ReadonlyMap<PreparedRecord, IngestOutcome>;
    sourceId: string;
    now: string;
  },
): Promise<void> {
  const { prepared, named, outcomes, sourceId, now } = request;
  const rows = new Map<string, IdentifierInsert>();
  for (const p of prepared) {
    const id = platformIdOfAlias(p.item);
    const person = id === null ? undefined : named.get(id);
    if (id === null || !person || outcomes.has(p)) continue;
    rows.set(id, {
      system: IMPORTED_ID_SYSTEM,
      value: id,
      person_id: person,
      source_id: sourceId,
      created_at: now,
    });
  }
  await mpi.insertIdentifiers(executor, [...rows.values()]);
}
