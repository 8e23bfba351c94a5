/**
 * A person record moving from one person to another — split off by a person, or re-linked because its
 * source corrected it — takes along everything derived from it: its facts and the records about it, its
 * source-record identifier and the documents only it held, and both persons' golden records and cases.
 * One implementation for both, so a corrected record ends exactly where a split would have put it.
 */
import { sql } from 'kysely';
import type { CaseTracker } from '../facts/case-tracker.js';
import { factTables } from '../facts/fact-rows.js';
import type { FactsRepository } from '../facts/facts.repository.js';
import type { NewFeedEvent } from '../feed/feed.schema.js';
import type { Executor } from '../records/bulk-writer.js';
import type { RecordsRepository } from '../records/records.repository.js';
import { goldenOf } from './golden-record.js';
import type { GoldenRecord, LinkRow, MpiRepository } from './mpi.repository.js';
import { membersOf, survivorsOf } from './person-groups.js';

const RESIDENT_ID_SYSTEM = 'urn:shuzhi:id:cn-resident';
const PASSPORT_SYSTEM = 'urn:shuzhi:id:passport';

export interface RecordMoveDependencies {
  repository: MpiRepository;
  records: RecordsRepository;
  facts: FactsRepository;
  cases: CaseTracker;
}

export interface RecordMove {
  /** The record's link, already pointing at `to` (its fields as they now stand). */
  link: LinkRow;
  from: string;
  to: string;
  reason: string;
  /** `split`: a person split it off; `correction`: its source corrected it and it was linked again. */
  cause: 'split' | 'correction';
  now: string;
}

export class RecordMover {
  constructor(private readonly deps: RecordMoveDependencies) {}

  /**
   * Moves what follows a record that moved (inside the caller's transaction, after its link moved) and
   * returns the change-feed events: `hub.person.unmerged` (the records of `mergedId` no longer belong to
   * `survivorId`, the topic subscribers already follow for splits) and the cases of both persons.
   */
  async follow(executor: Executor, move: RecordMove): Promise<NewFeedEvent[]> {
    const { repository, facts, records, cases } = this.deps;
    const { link, from, to, now } = move;
    await facts.repoint(executor, [link.record_id], to);
    await moveTasks(executor, link.record_id, to);
    await records.repointPerson(executor, [link.record_id], to);
    await repository.supersedeReviewsOfMovedRecord(executor, {
      recordKey: link.record_key,
      personId: to,
      at: now,
    });
    await executor
      .updateTable('person_identifiers')
      .set({ person_id: to })
      .where('system', '=', link.export_system)
      .where('value', '=', link.export_value)
      .execute();
    const fromMembers = await groupOf(repository, executor, from);
    const fromLinks = await repository.linksOfPersons(executor, fromMembers);
    await this.moveDocuments(executor, { from: fromMembers, to, link, remaining: fromLinks });
    await refreshGolden(repository, executor, { personId: from, links: fromLinks, now });
    const emptied = fromLinks.length === 0;
    if (emptied) await emptyPerson(repository, executor, { members: fromMembers, movedTo: to, now });
    await refreshGolden(repository, executor, {
      personId: to,
      links: await linksOfGroup(repository, executor, to),
      now,
    });
    // Area-scoped feed readers see the move where the record now is (an event without an area is theirs to miss).
    const [target] = await repository.findPersons(executor, [to]);
    return [
      {
        topic: 'hub.person.unmerged',
        entityType: 'Person',
        entityId: to,
        personId: from,
        areaCode: target?.area_code ?? null,
        payload: {
          survivorId: from,
          mergedId: to,
          recordKeys: [link.record_key],
          // Random record ids, for the audit entry: a record key may hold an ID number (a CSV row's id).
          recordIds: [link.record_id],
          reason: move.reason,
          cause: move.cause,
          // The person it left holds nothing any more (see `emptyPerson`).
          ...(emptied ? { emptied: true } : {}),
        },
      },
      ...(await cases.refresh(executor, [from, to])),
      // The follow-ups that came along may be answered where they landed (a case report already there).
      ...(await cases.resolveAnsweredByMove(executor, to)),
    ];
  }

  /**
   * Documents (resident ID, passport) of `from` that none of its remaining records holds: the moved record's
   * go with it; one it no longer states (a corrected ID) is dropped, or the next record with that mistyped
   * number would still link to `from`.
   */
  private async moveDocuments(
    executor: Executor,
    context: {
      /** The person the record left and everyone merged into them: a merged member's records brought theirs. */
      from: readonly string[];
      to: string;
      link: LinkRow;
      remaining: readonly LinkRow[];
    },
  ): Promise<void> {
    const { from, to, link, remaining } = context;
    // A split record keeps its documents (`link` holds them); a corrected one holds only its new ones.
    const held = new Set(remaining.flatMap((l) => documentValues(l)));
    const moving = new Set(documentValues(link));
    const rows = (await executor
      .selectFrom('person_identifiers')
      .select(['system', 'value', 'source_id'])
      .where('person_id', 'in', from)
      .where('system', 'in', [RESIDENT_ID_SYSTEM, PASSPORT_SYSTEM])
      .execute()) as { system: string; value: string; source_id: string | null }[];
    for (const row of rows) {
      if (held.has(row.value)) continue;
      const query = executor
        .updateTable('person_identifiers')
        .where('system', '=', row.system)
        .where('value', '=', row.value)
        .where('person_id', 'in', from);
      if (moving.has(row.value)) await query.set({ person_id: to }).execute();
      // Only a number this record's source brought: one an import brought (check-ins by ID) stays.
      else if (row.source_id === link.source_id)
        await executor
          .deleteFrom('person_identifiers')
          .where('system', '=', row.system)
          .where('value', '=', row.value)
          .where('person_id', 'in', from)
          .execute();
    }
  }
}

/**
 * A person whose last record moved away keeps no identifier: an ID number, passport or imported id left on it
 * would pull the next record or check-in with that number onto a person nobody holds (a ghost). It is marked
 * emptied (search leaves it out; its detail says where its last record went) rather than deleted, as its id
 * stays in the feed, the audit trail and other modules' rows. `members`: its survivor first (`groupOf`).
 */
export async function emptyPerson(
  repository: MpiRepository,
  executor: Executor,
  context: { members: readonly string[]; movedTo: string | null; now: string },
): Promise<void> {
  await executor.deleteFrom('person_identifiers').where('person_id', 'in', context.members).execute();
  await repository.markEmptied(executor, context.members[0]!, { at: context.now, movedTo: context.movedTo });
}

/**
 * After a correction that kept its person: the resident IDs and passports the correcting source had brought
 * that none of the person's records states any more are dropped, as a move drops them (`moveDocuments`), or
 * the next record with the mistyped number would still link to the person, which would hold two valid IDs.
 */
export async function forgetUnstatedDocuments(
  repository: MpiRepository,
  executor: Executor,
  context: { personId: string; sourceId: string },
): Promise<void> {
  const members = await groupOf(repository, executor, context.personId);
  const held = new Set((await repository.linksOfPersons(executor, members)).flatMap(documentValues));
  const rows = (await executor
    .selectFrom('person_identifiers')
    .select(['system', 'value'])
    .where('person_id', 'in', members)
    .where('source_id', '=', context.sourceId)
    .where('system', 'in', [RESIDENT_ID_SYSTEM, PASSPORT_SYSTEM])
    .execute()) as { system: string; value: string }[];
  for (const row of rows.filter((r) => !held.has(r.value)))
    await executor
      .deleteFrom('person_identifiers')
      .where('system', '=', row.system)
      .where('value', '=', row.value)
      .where('person_id', 'in', members)
      .execute();
}

/**
 * Follow-up tasks a fact of the record raised (a positive with no case report, a fever-clinic visit without a
 * test) go with the record, as its facts do: left behind, the task names a person who no longer has the fact.
 */
async function moveTasks(executor: Executor, recordId: string, to: string): Promise<void> {
  for (const table of Object.values(factTables))
    await executor
      .updateTable('followup_tasks')
      .set({ person_id: to })
      .where(
        'trigger_id',
        'in',
        sql<string>`(select id from ${sql.table(table.name)} where subject_id = ${recordId})`,
      )
      .execute();
}

/** The links of a person and everyone merged into them. */
export async function linksOfGroup(
  repository: MpiRepository,
  executor: Executor,
  personId: string,
): Promise<LinkRow[]> {
  return repository.linksOfPersons(executor, await groupOf(repository, executor, personId));
}

/** A person's survivor and everyone merged into it. */
async function groupOf(repository: MpiRepository, executor: Executor, personId: string): Promise<string[]> {
  const survivor = (await survivorsOf(repository, executor, [personId])).get(personId) ?? personId;
  return (await membersOf(repository, executor, [survivor])).get(survivor) ?? [survivor];
}

/**
 * Recomputes a person's golden record from their links. A person filed under their reporting source's area
 * (no record states one) stays there.
 */
export async function refreshGolden(
  repository: MpiRepository,
  executor: Executor,
  context: { personId: string; links: readonly LinkRow[]; now: string },
): Promise<void> {
  const golden = goldenOfLinks(context.links);
  const [current] = await repository.findPersons(executor, [context.personId]);
  await repository.updateGolden(
    executor,
    context.personId,
    { ...golden, area_code: golden.area_code ?? current?.area_code ?? null },
    context.now,
  );
}

/**
 * The golden record of a person's links (`goldenOf`), oldest first by when each was linked or last
 * corrected; the one rule of ingest, merges, unmerges, splits and moves.
 */
export function goldenOfLinks(links: readonly LinkRow[]): GoldenRecord {
  const ordered = [...links].sort((a, b) =>
    a.linked_at < b.linked_at ? -1 : a.linked_at > b.linked_at ? 1 : a.mpi_version - b.mpi_version,
  );
  return goldenOf(ordered.map(goldenSourceOfLink));
}

export function goldenSourceOfLink(link: LinkRow) {
  return {
    name: link.name,
    sex: link.sex,
    birthDate: link.birth_date,
    areaCode: link.area_code,
    residentId: link.resident_id,
  };
}

function documentValues(link: LinkRow): string[] {
  return [link.resident_id, link.passport].filter((v): v is string => Boolean(v));
}
