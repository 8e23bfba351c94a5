/**
 * Which platform person each imported id belongs to. New ids are resolved right after their import
 * commits (an unknown id becomes a new person), and again when the hub merges or unmerges persons. When a
 * person turns out to hold several ids, the index must file them under one name: `tracing.presence.relinked`
 * tells every process to rebuild its index.
 */
import type { Database } from '@shuzhi/db';
import type { ChangeFeed, PersonsService } from '@shuzhi/hub';
import type { PersonRefsRepository } from './person-refs.repository.js';
import { PRESENCE_RELINKED } from './live-presence-index.js';

export interface PersonLinksDeps {
  database: Database;
  refs: PersonRefsRepository;
  persons: Pick<PersonsService, 'resolveRefs'>;
  feed: Pick<ChangeFeed, 'publish' | 'notify'>;
}

/** Refs resolved per round (one hub lookup each). */
const ROUND = 5000;

export class PersonLinks {
  #running: Promise<number> | null = null;

  constructor(private readonly deps: PersonLinksDeps) {}

  /**
   * Resolves every ref still without a person, creating persons for ids nobody knows; returns how many
   * were resolved. Runs outside any import transaction: the hub's lookups read outside the caller's
   * transaction, which on SQLite's single connection would wait forever.
   */
  resolvePending(): Promise<number> {
    this.#running ??= this.#resolvePending().finally(() => (this.#running = null));
    return this.#running;
  }

  async #resolvePending(): Promise<number> {
    let resolved = 0;
    for (;;) {
      const pending = await this.deps.refs.unresolved(ROUND);
      if (pending.length === 0) return resolved;
      const persons = await this.deps.persons.resolveRefs(pending.map((r) => r.ref));
      await this.#apply(persons);
      resolved += pending.length;
    }
  }

  /**
   * After a merge, an unmerge or a record's move in the hub: re-resolves the ids of these persons. An id the
   * hub no longer knows was taken from a person emptied when its last record moved away (`emptyPerson` drops
   * its identifiers): like any unknown id it becomes a new person holding it, rather than staying on a person
   * who stands for nobody. A `per_` id of an emptied person follows its records (`resolveRefs`).
   */
  async relink(personIds: readonly string[]): Promise<number> {
    const rows = await this.deps.refs.refsOfPersons(personIds);
    if (rows.length === 0) return 0;
    const persons = await this.deps.persons.resolveRefs(rows.map((r) => r.ref));
    const changed = new Map(
      [...persons].filter(([ref, person]) => rows.find((r) => r.ref === ref)?.person_id !== person),
    );
    // A merge moves refs to the survivor; an unmerge splits them: either way the index names change.
    await this.#apply(changed, true);
    return changed.size;
  }

  async #apply(persons: ReadonlyMap<string, string>, alwaysRelink = false): Promise<void> {
    if (persons.size === 0) return;
    await this.deps.database.db.transaction().execute(async (trx) => {
      await this.deps.refs.setPersons(trx, persons);
      const owners = [...new Set(persons.values())];
      const refsOfOwners = await this.deps.refs.refsOfPersons(owners, trx);
      const firstRef = new Map<string, string>();
      for (const r of refsOfOwners) if (!firstRef.has(r.person_id!)) firstRef.set(r.person_id!, r.ref);
      // A ref that is not its person's first was filed in the index under its own name: relink.
      const relinked = alwaysRelink || [...persons].some(([ref, person]) => firstRef.get(person) !== ref);
      if (relinked)
        await this.deps.feed.publish(trx, [
          {
            topic: PRESENCE_RELINKED,
            entityType: 'PresenceIndex',
            entityId: 'persons',
            payload: { refs: persons.size },
          },
        ]);
    });
    this.deps.feed.notify();
  }
}
