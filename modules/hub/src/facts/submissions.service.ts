/**
 * A data source reads back what it submitted, and nothing else: the persons its own records are about (found
 * by its own record numbers, or by name among those persons) with their demographics as its records state
 * them, and a person's timeline of its own results, visits, diagnoses and vaccinations — never the merged
 * golden record, the derived case or another source's data. Reads are audited by the gatekeeper under the
 * caller's purpose (`data_submission`).
 *
 * A person is named to the source by one of its own records (the newest: its patient record first), never by
 * the platform's person id: that id is the pseudonym the change feed and shared reads carry, and a source that
 * submitted a made-up record under a known ID number would otherwise learn whose events those are.
 */
import { AppError, notFoundOrNoAccess, sensitiveFields, type ListParams, type Page } from '@shuzhi/core';
import type { Database } from '@shuzhi/db';
import type { AccessContext } from '@shuzhi/identity';
import type { MpiRepository } from '../mpi/mpi.repository.js';
import { membersOf, survivorsOf } from '../mpi/person-groups.js';
import {
  submittedSortColumns,
  type SubmittedPatientRow,
  type SubmittedPersonsRepository,
  type SubmittedSort,
} from '../persons/submitted-persons.repository.js';
import type { FactsRepository } from './facts.repository.js';
import type { SubmittedPerson, SubmittedTimeline, TimelineEntry } from './facts.schema.js';
import { factEntries } from './fact-entries.js';

/** A source's own records are its own data: it sees in clear what it sent. */
const ownData = new Set(sensitiveFields);

export interface SubmissionsDeps {
  database: Database;
  facts: FactsRepository;
  mpi: MpiRepository;
  submitted: SubmittedPersonsRepository;
  sourcesOf: (entries: readonly Pick<TimelineEntry, 'sourceId'>[]) => Promise<SubmittedTimeline['sources']>;
}

export class SubmissionsService {
  constructor(private readonly deps: SubmissionsDeps) {}

  /** The persons the caller's source submitted records about; `q`: a record number, ID number or name. */
  async persons(ctx: AccessContext, params: ListParams): Promise<Page<SubmittedPerson>> {
    const sourceId = sourceOf(ctx);
    const sort = sortOf(params.sort);
    const q = params.q?.trim() ?? '';
    // Sorted, paged and counted in SQL, all of the source's persons or a search's every match alike.
    const page = await this.deps.submitted.linkedPersons(
      sourceId,
      { ...params, sort },
      q === '' ? undefined : q,
    );
    const db = this.deps.database.db;
    const survivorOf = await survivorsOf(this.deps.mpi, db, page.personIds);
    const shown = [...new Set(page.personIds.map((id) => survivorOf.get(id) ?? id))];
    const groups = await membersOf(this.deps.mpi, db, shown);
    const patients = await this.deps.submitted.patientsOf(sourceId, [...groups.values()].flat());
    const handles = await this.handlesOf(sourceId, shown, groups, patients);
    const items = shown.flatMap((id) => {
      const handle = handles.get(id);
      return handle ? [asSubmittedPerson(handle, groups.get(id) ?? [id], patients)] : [];
    });
    return { items, total: page.total, limit: params.limit, offset: params.offset };
  }

  /** Each person's handle: the source's newest patient record about the group, else its newest other record. */
  private async handlesOf(
    sourceId: string,
    persons: readonly string[],
    groups: ReadonlyMap<string, readonly string[]>,
    patients: readonly SubmittedPatientRow[],
  ): Promise<Map<string, string>> {
    const handles = new Map<string, string>();
    const without: string[] = [];
    for (const id of persons) {
      const own = ownPatients(groups.get(id) ?? [id], patients);
      if (own[0]) handles.set(id, own[0].record_id);
      else without.push(id);
    }
    if (without.length > 0) {
      const members = without.flatMap((id) => groups.get(id) ?? [id]);
      const newest = await this.deps.submitted.newestOwnRecords(sourceId, members);
      for (const id of without) {
        const record = (groups.get(id) ?? [id]).map((m) => newest.get(m)).find((r) => r !== undefined);
        if (record) handles.set(id, record);
      }
    }
    // Named as the source names its records, never by a platform id that would reveal a collision.
    const names = await this.deps.submitted.ownNamesOf(sourceId, [...handles.values()]);
    for (const [person, record] of handles) handles.set(person, names.get(record) ?? record);
    return handles;
  }

  /**
   * The caller's source's own records about the person one of its records (`handle`, the record's id) is
   * about; not found when it is not the source's record.
   */
  async timeline(ctx: AccessContext, handle: string): Promise<SubmittedTimeline> {
    const sourceId = sourceOf(ctx);
    const db = this.deps.database.db;
    const personId = await this.deps.submitted.personOfOwnRecord(sourceId, handle);
    // Not its record: the same answer as for a record that does not exist.
    if (personId === undefined) throw notFoundOrNoAccess(`person ${handle}`);
    const survivor = (await survivorsOf(this.deps.mpi, db, [personId])).get(personId) ?? personId;
    const members = (await membersOf(this.deps.mpi, db, [survivor])).get(survivor) ?? [survivor];
    const [facts, patients] = await Promise.all([
      this.deps.facts.factsOf(members, db, { sourceId }),
      this.deps.submitted.patientsOf(sourceId, members),
    ]);
    const sorted = factEntries(facts, ownData).sort(
      (a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.kind < b.kind ? -1 : 1),
    );
    // Each entry is one of the source's own records: named as the source names it.
    const names = await this.deps.submitted.ownNamesOf(
      sourceId,
      sorted.map((entry) => entry.id),
    );
    const entries = sorted.map((entry) => ({
      ...entry,
      id: names.get(entry.id) ?? entry.id,
      personId: handle,
    }));
    return {
      personId: handle,
      personIds: [handle],
      entries,
      case: null,
      person: asSubmittedPerson(handle, members, patients),
      sources: await this.deps.sourcesOf([{ sourceId }]),
    };
  }
}

/** The list's sort key; the default is when the source last submitted about the person. */
function sortOf(sort: string | undefined): SubmittedSort {
  if (sort === undefined) return 'linked';
  if (Object.hasOwn(submittedSortColumns, sort)) return sort as SubmittedSort;
  const keys = Object.keys(submittedSortColumns).join(', ');
  throw new AppError('invalid_input', `sort: unknown key "${sort}"; one of ${keys}`, {
    issues: [{ field: 'sort', reason: `one of ${keys}` }],
  });
}

function sourceOf(ctx: AccessContext): string {
  const sourceId = ctx.principal.sourceId;
  if (!sourceId)
    throw new AppError(
      'forbidden',
      'only a data source (its API key or a bound account) reads its submissions',
    );
  return sourceId;
}

/** The person as the newest of the source's own patient records about the group states them. */
function asSubmittedPerson(
  handle: string,
  members: readonly string[],
  patients: readonly SubmittedPatientRow[],
): SubmittedPerson {
  const own = ownPatients(members, patients);
  const newest = own[0];
  return {
    id: handle,
    name: newest?.name ?? null,
    sex: newest?.sex ?? null,
    birthDate: newest?.birth_date ?? null,
    areaCode: newest?.area_code ?? null,
    recordNumbers: [...new Set(own.map((p) => p.source_record_id))],
    lastLinkedAt: newest?.linked_at ?? null,
  };
}

/** The source's patient records about a group of persons, newest first. */
function ownPatients(
  members: readonly string[],
  patients: readonly SubmittedPatientRow[],
): SubmittedPatientRow[] {
  const group = new Set(members);
  return patients
    .filter((p) => group.has(p.person_id))
    .sort((a, b) =>
      a.linked_at < b.linked_at ? 1 : a.linked_at > b.linked_at ? -1 : a.record_id < b.record_id ? -1 : 1,
    );
}
