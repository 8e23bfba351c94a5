/**
 * The one ingest pipeline every path uses (FHIR create/update, Bundles, bulk NDJSON, CSV imports), inside
 * the caller's transaction so the caller answers only after the records are stored: classify each record
 * against the store (new, unchanged, new version, conflict), check that every subject can be found, link
 * person records to persons (master person index), resolve subjects, write records with provenance and
 * history, write the fact rows, re-derive cases, and publish every change on the change feed.
 */
import { sql } from 'kysely';
import { yieldToEventLoop, type Clock } from '@shuzhi/core';
import type { NewFeedEvent } from '../feed/feed.schema.js';
import type { CaseTracker } from '../facts/case-tracker.js';
import { isCovidDiagnosis, isPositiveTest } from '../facts/case-derivation.js';
import { factRowOf, type FactRow } from '../facts/fact-rows.js';
import type { ConditionFact, FactsRepository, ObservationFact } from '../facts/facts.repository.js';
import type { MpiRepository } from '../mpi/mpi.repository.js';
import type { LinkOutcome, PersonLinker, PersonToLink } from '../mpi/person-linker.js';
import { personsForRefs } from '../mpi/ref-persons.js';
import type { RecordMover } from '../mpi/record-move.js';
import type { PersonsService } from '../persons/persons.service.js';
import {
  coded,
  sourceIdOfSystem,
  sourceRecordKey,
  sourceRecordSystem,
  type CodedReason,
  type Json,
  type PersonRecord,
} from '../core/index.js';
import type { Executor } from './bulk-writer.js';
import type { FeedWriter } from './feed-writer.js';
import {
  prepareRecord,
  roundsOf,
  type IncomingRecord,
  type IngestIssue,
  type IngestOutcome,
  type PreparedRecord,
} from './incoming.js';
import { futureDateIssue } from './future-dates.js';
import { makeNamedPersonsKnown, namedPersonsOf, refuseNamingNobody } from './named-persons.js';
import { submissionRefusal } from './submitted-records.js';
import { topicEntityOf, type StoredRecord } from './record-kinds.js';
import { localIdOf } from './local-ids.js';
import { looksGenerated, newRecordId } from './record-ids.js';
import { OPERATOR_SOURCE } from './operator-source.js';
import { sameContent } from './content-hash.js';
import type { NewRecordRow, RecordColumns, RecordsRepository, StoredKeyRow } from './records.repository.js';
import { storedResource, storedResourceJson } from './stored-json.js';
import { subjectRefOf, type SubjectRef } from './subject-references.js';

export type IntakeChannel = 'fhir' | 'bundle' | 'ndjson' | 'csv';

export interface IngestRequest {
  sourceId: string;
  /** The submitting source's registered type (`lab`, `pharmacy`…): what records it may submit. */
  sourceType?: string | undefined;
  /** Stop before writing anything when any record is rejected (transactions, all-or-nothing imports). */
  atomic: boolean;
  /**
   * An import that stores one transaction in several calls (batches, chunks) collects here the persons whose
   * cases need deriving, and derives them once before its commit (`settleCases`). A case's events then say
   * what the transaction changed, wherever its batches were cut: derived per call, a person's second
   * positive in a later batch published `hub.case.confirmed` and then `hub.case.updated`, in one batch only
   * the first. Without it, each call derives its own.
   */
  cases?: CaseWork;
}

/** Persons whose cases the facts stored so far may have changed, not derived yet. */
export interface CaseWork {
  persons: Set<string>;
}

export function newCaseWork(): CaseWork {
  return { persons: new Set() };
}

/** How many persons' cases `settleCases` derives in one step before it lets other requests go. */
const SETTLE_SLICE = 200;

export interface IngestDependencies {
  records: RecordsRepository;
  mpi: MpiRepository;
  linker: PersonLinker;
  /** Moves a corrected record's facts to the person it was linked to anew. */
  mover: RecordMover;
  /** Who a platform person id named in a row (a traveller's `person_id`) stands for now. */
  persons: PersonsService;
  facts: FactsRepository;
  cases: CaseTracker;
  feed: FeedWriter;
  clock: Clock;
}

interface Classified {
  prepared: PreparedRecord;
  action: 'create' | 'update' | 'unchanged' | 'reject';
  /** The platform-wide id. */
  id: string;
  /** The id the source knows the record by (its own namespace; usually the same as `id`). */
  localId: string;
  version: number;
  existing?: StoredKeyRow;
  httpStatus?: number;
  issues?: IngestIssue[];
  subject?: SubjectRef | null;
}

interface Resolved {
  personId: string | null;
  subjectId: string | null;
}

/**
 * Persons and records of the submission so far, so later records find them without the database. Patients
 * are keyed by the source's own ids (what its references name).
 */
class SubmissionState {
  readonly patients = new Map<string, Resolved>();
  readonly recordKeys = new Map<string, Resolved>();
}

export class IngestService {
  /** Records ingested by this process, and the count at which PostgreSQL's statistics are next refreshed. */
  private ingested = 0;
  private analyzeAt = 20_000;

  constructor(private readonly deps: IngestDependencies) {}

  /**
   * On PostgreSQL, tables that grow inside one long import transaction have no statistics for the rows it
   * added (autovacuum cannot see uncommitted rows), and the planner then answers each batch's key lookups by
   * scanning every record of the type — quadratic over a large file. ANALYZE run inside the transaction does
   * see them; running it each time the volume doubles costs O(log n).
   */
  private async refreshStatistics(executor: Executor, incoming: number): Promise<void> {
    this.ingested += incoming;
    if (this.deps.records.db.dialect !== 'postgres' || this.ingested < this.analyzeAt) return;
    this.analyzeAt = this.ingested * 2;
    await sql`analyze hub_records, hub_record_identifiers, observations, person_links, persons, person_identifiers`.execute(
      executor,
    );
  }

  /** Stores records; one outcome per record, in order. Publishes in the same transaction (call `notify` after commit). */
  async ingest(
    executor: Executor,
    items: readonly IncomingRecord[],
    request: IngestRequest,
  ): Promise<IngestOutcome[]> {
    await this.refreshStatistics(executor, items.length);
    const prepared = items.map((item) => prepareRecord(item));
    const outcomes = new Map<PreparedRecord, IngestOutcome>();
    const refused = refuseUnfit(
      prepared,
      { now: this.deps.clock.now(), sourceType: request.sourceType, sourceId: request.sourceId },
      outcomes,
    );
    const named = await namedPersonsOf(
      executor,
      this.deps.persons,
      prepared.map((p) => p.item),
    );
    const namingNobody = refuseNamingNobody(prepared, named, outcomes);
    const state = new SubmissionState();
    if (!(request.atomic && (refused || namingNobody))) {
      await makeNamedPersonsKnown(executor, this.deps.mpi, {
        prepared,
        named,
        outcomes,
        sourceId: request.sourceId,
        now: this.deps.clock.now().toISOString(),
      });
      for (const round of roundsOf(prepared.filter((p) => !outcomes.has(p)))) {
        const stop = await this.ingestRound(executor, round, request, { state, outcomes });
        if (stop) break;
      }
    }
    return prepared.map(
      (p) =>
        outcomes.get(p) ?? {
          position: p.item.position,
          status: 'rejected',
          httpStatus: 400,
          issues: [{ position: p.item.position, ...coded('not-processed') }],
        },
    );
  }

  private async ingestRound(
    executor: Executor,
    round: PreparedRecord[],
    request: IngestRequest,
    context: { state: SubmissionState; outcomes: Map<PreparedRecord, IngestOutcome> },
  ): Promise<boolean> {
    const { state, outcomes } = context;
    const now = this.deps.clock.now();
    const receivedAt = now.toISOString();
    const classified = await this.classify(executor, round, request.sourceId);
    await this.checkSubjects(executor, classified, request.sourceId, state);
    const rejected = classified.filter((c) => c.action === 'reject');
    for (const c of rejected)
      outcomes.set(c.prepared, {
        position: c.prepared.item.position,
        status: 'rejected',
        httpStatus: c.httpStatus ?? 400,
        issues: c.issues ?? [],
      });
    if (request.atomic && rejected.length > 0) return true;

    const live = classified.filter((c) => c.action !== 'reject');
    const events: NewFeedEvent[] = [];
    const linked = await this.linkPersons(executor, live, request.sourceId, { state, events });
    const resolved = await this.resolveSubjects(executor, live, state, request.sourceId);
    const areas = await this.areasOf(executor, [...resolved.values(), ...linked.values()], linked);

    const creates: NewRecordRow[] = [];
    const facts: FactRow[] = [];
    const refreshPersons = request.cases?.persons ?? new Set<string>();
    const diagnosed = new Set<string>();
    const tested = new Set<string>();
    for (const c of live) {
      const { prepared } = c;
      const person = linked.get(c) ?? resolved.get(c) ?? null;
      const personId = person?.personId ?? c.existing?.person_id ?? null;
      if (c.action === 'unchanged') {
        outcomes.set(prepared, outcomeOf(c, personId, c.existing?.created_at ?? receivedAt));
        continue;
      }
      const area = personId === null ? null : (areas.get(personId) ?? null);
      const context = {
        sourceId: request.sourceId,
        receivedAt,
        personId,
        subjectId: person?.subjectId ?? null,
        area,
      };
      let row: RecordColumns<unknown>;
      if (c.action === 'create') {
        const created = storedRow(c, context, storedJsonOf(c));
        creates.push(created);
        row = created;
      } else {
        const replaced = storedRow(c, context, storedContentOf(c));
        await this.deps.records.replaceRecord(executor, replaced);
        await this.deps.records.deleteIdentifiers(executor, replaced.resource_type, replaced.id);
        row = replaced;
      }
      const fact = factRowOf(prepared.item.record, {
        id: row.id,
        sourceId: request.sourceId,
        personId,
        subjectId: row.subject_id,
        areaCode: area,
        receivedAt,
      });
      if (fact) {
        if (c.action === 'update') await this.deps.facts.remove(executor, fact.table, [row.id]);
        facts.push(fact);
      }
      const record = prepared.item.record;
      if (personId !== null) {
        if (c.action === 'update' && (record.kind === 'lab-result' || record.kind === 'diagnosis'))
          refreshPersons.add(personId);
        if (fact?.table === 'observations' && isPositiveTest(fact.row as unknown as ObservationFact))
          refreshPersons.add(personId);
        if (fact?.table === 'conditions' && isCovidDiagnosis(fact.row as unknown as ConditionFact)) {
          refreshPersons.add(personId);
          diagnosed.add(personId);
        }
        if (
          fact?.table === 'observations' &&
          record.kind === 'lab-result' &&
          (record.testKind === 'pcr' || record.testKind === 'antigen')
        )
          tested.add(personId);
      }
      events.push(recordEvent(c, row, linked.get(c) ? linkOutcomeOf(linked, c) : undefined));
      outcomes.set(prepared, outcomeOf(c, personId, receivedAt));
    }
    await this.deps.records.insertRecords(executor, creates);
    await this.deps.records.insertIdentifiers(
      executor,
      live
        .filter((c) => c.action === 'create' || c.action === 'update')
        .flatMap((c) =>
          identifiersOf(c.prepared).map((i) => ({ resource_type: c.prepared.resourceType, id: c.id, ...i })),
        ),
    );
    await this.deps.facts.insert(executor, facts);
    if (!request.cases) events.push(...(await this.deps.cases.refresh(executor, [...refreshPersons])));
    events.push(
      ...(await this.deps.cases.resolveAnswered(executor, {
        diagnosed: [...diagnosed],
        tested: [...tested],
      })),
    );
    await this.deps.feed.publish(executor, events);
    return false;
  }

  /**
   * Derives the cases of the persons an import's calls collected and publishes their events; call once,
   * inside the import's transaction, before it commits. In slices, yielding between them, so that the end of a
   * large file does not derive every positive person's case in one step (200,000 lines of results: each
   * slice of 200 persons under 80 ms on a loaded machine).
   */
  async settleCases(executor: Executor, work: CaseWork): Promise<void> {
    const persons = [...work.persons];
    work.persons.clear();
    for (let i = 0; i < persons.length; i += SETTLE_SLICE) {
      if (i > 0) await yieldToEventLoop();
      await this.deps.feed.publish(
        executor,
        await this.deps.cases.refresh(executor, persons.slice(i, i + SETTLE_SLICE)),
      );
    }
  }

  /** New, unchanged, new version, or refused (another source's id, a stale If-Match, an identifier clash). */
  private async classify(
    executor: Executor,
    round: PreparedRecord[],
    sourceId: string,
  ): Promise<Classified[]> {
    const byType = new Map<string, PreparedRecord[]>();
    for (const p of round) {
      const list = byType.get(p.resourceType);
      if (list) list.push(p);
      else byType.set(p.resourceType, [p]);
    }
    const own = new Map<string, StoredKeyRow>();
    const taken = new Set<string>();
    const bySourceKey = new Map<string, StoredKeyRow>();
    for (const [type, list] of byType) {
      const ids = [...new Set(list.flatMap((p) => (p.id !== undefined ? [p.id] : [])))];
      const found = await this.deps.records.findOwnByLocalIds(executor, sourceId, type, ids);
      for (const [localId, row] of found.own) own.set(`${type}/${localId}`, row);
      for (const id of found.taken) taken.add(`${type}/${id}`);
      const keys = [
        ...new Set(list.flatMap((p) => (p.sourceRecordId !== undefined ? [p.sourceRecordId] : []))),
      ];
      for (const row of await this.deps.records.findBySourceKeys(executor, sourceId, type, keys))
        bySourceKey.set(`${type}|${row.source_record_id}`, row);
    }
    const classified = round.map((prepared): Classified => {
      const { item, resourceType } = prepared;
      const atKey =
        prepared.sourceRecordId === undefined
          ? undefined
          : bySourceKey.get(`${resourceType}|${prepared.sourceRecordId}`);
      // The two lookups are two statements: on PostgreSQL (read committed) another process's commit can fall
      // between them, so the record found by its key may be this very id, missed by the id lookup. Ids are
      // looked up among the source's own records only: another source's record under the same id is another
      // record, and nothing here tells the source it exists.
      const atId =
        prepared.id === undefined
          ? undefined
          : (own.get(`${resourceType}/${prepared.id}`) ??
            (atKey && localIdOf(atKey) === prepared.id ? atKey : undefined));
      if (item.idIsBinding && atKey && atId === undefined)
        return rejectedAs(
          prepared,
          409,
          'identifier',
          `this record is already stored as ${resourceType}/${localIdOf(atKey)}; update that id`,
        );
      const existing = atId ?? atKey;
      if (item.ifMatchVersion !== undefined && String(existing?.version ?? '') !== item.ifMatchVersion)
        return rejectedAs(
          prepared,
          412,
          'If-Match',
          coded('if-match-stale', {
            current: existing ? String(existing.version) : 'none',
            expected: item.ifMatchVersion,
          }),
        );
      if (!existing) {
        if (!item.idIsBinding || sourceId === OPERATOR_SOURCE) {
          // An id the platform drew (a create, a Bundle POST) or staff gave names the record everywhere.
          const localId = prepared.id ?? newRecordId(prepared.prefix);
          const id = taken.has(`${resourceType}/${localId}`) ? newRecordId(prepared.prefix) : localId;
          return { prepared, action: 'create', id, localId, version: 1 };
        }
        // A data source's own id is its own (ADR 0002): its record gets a platform id of the platform's making,
        // so no id a source sends ever names another source's record to anyone.
        const localId = prepared.id!;
        if (looksGenerated(localId))
          return rejectedAs(
            prepared,
            422,
            'id',
            coded('id-platform-form', { reference: `${resourceType}/${localId}` }),
          );
        return { prepared, action: 'create', id: newRecordId(prepared.prefix), localId, version: 1 };
      }
      const known = { id: existing.id, localId: localIdOf(existing), existing };
      if (existing.content_hash === prepared.hash)
        return { prepared, action: 'unchanged', ...known, version: Number(existing.version) };
      return { prepared, action: 'update', ...known, version: Number(existing.version) + 1 };
    });
    await this.keepReorderedUnchanged(executor, classified);
    return classified;
  }

  /** A record whose fast hash differs only because its keys came in another order is unchanged. */
  private async keepReorderedUnchanged(executor: Executor, classified: Classified[]): Promise<void> {
    const updates = classified.filter((c) => c.action === 'update');
    const byType = new Map<string, Classified[]>();
    for (const c of updates)
      byType.set(c.prepared.resourceType, [...(byType.get(c.prepared.resourceType) ?? []), c]);
    for (const [type, list] of byType) {
      const stored = await this.deps.records.readContents(
        executor,
        type,
        list.map((c) => c.id),
      );
      for (const c of list) {
        const before = stored.get(c.id);
        if (!before) continue;
        const { item } = c.prepared;
        const same = item.resource
          ? before.resource !== null &&
            sameContent(withoutIdAndMeta(before.resource), withoutIdAndMeta(item.resource))
          : before.record !== null && sameContent(before.record, item.record);
        if (same) {
          c.action = 'unchanged';
          c.version = Number(c.existing!.version);
        }
      }
    }
  }

  /** Rejects records whose subject cannot be found, before anything is written or linked. */
  private async checkSubjects(
    executor: Executor,
    classified: Classified[],
    sourceId: string,
    state: SubmissionState,
  ): Promise<void> {
    const pending = classified.filter((c) => c.action === 'create' || c.action === 'update');
    const patientsHere = new Set(
      pending.filter((c) => c.prepared.resourceType === 'Patient').map((c) => c.localId),
    );
    const keysHere = new Set(
      pending
        .filter((c) => c.prepared.resourceType === 'Patient')
        .flatMap((c) => [
          sourceRecordKey(sourceId, c.prepared.sourceRecordId ?? c.localId),
          ...sourceKeysOf(c.prepared.item.record, sourceId),
        ]),
    );
    for (const c of pending) c.subject = subjectRefOf(c.prepared.item.record, sourceId);
    const patientIds = new Set<string>();
    const recordKeys = new Set<string>();
    for (const c of pending) {
      const ref = c.subject;
      if (ref?.kind === 'patient' && !patientsHere.has(ref.id) && !state.patients.has(ref.id))
        patientIds.add(ref.id);
      if (ref?.kind === 'record-key' && !keysHere.has(ref.recordKey) && !state.recordKeys.has(ref.recordKey))
        recordKeys.add(ref.recordKey);
    }
    // A reference names one of the source's own Patients: another source's, under the same id or not, is
    // not found (and the refusal reads the same), so a reference neither attaches records to it nor probes it.
    const storedPatients = await this.deps.records.findOwnByLocalIds(executor, sourceId, 'Patient', [
      ...patientIds,
    ]);
    for (const [localId, row] of storedPatients.own)
      state.patients.set(localId, { personId: row.person_id, subjectId: row.id });
    const links = await this.deps.mpi.findLinks(executor, [...recordKeys]);
    for (const link of links)
      state.recordKeys.set(link.record_key, { personId: link.person_id, subjectId: link.record_id });
    for (const c of pending) {
      const ref = c.subject;
      if (ref?.kind === 'unresolvable') {
        const { kind: _kind, field, ...reason } = ref;
        refuseSubject(c, { field, ...reason }, 400);
      } else if (ref?.kind === 'patient' && !patientsHere.has(ref.id) && !state.patients.has(ref.id))
        refuseSubject(c, {
          field: 'subject',
          reason: `Patient/${ref.id} is not one of this data source's records; send the Patient first or in the same Bundle`,
          code: 'patient-unknown',
          params: { id: ref.id },
        });
      else if (
        ref?.kind === 'record-key' &&
        !keysHere.has(ref.recordKey) &&
        !state.recordKeys.has(ref.recordKey)
      )
        refuseSubject(c, {
          field: 'subject',
          ...coded('person-record-unknown', { record: ref.recordKey.replace('|', ' ') }),
        });
    }
  }

  /** Links person records; a corrected one that changed person takes its facts along (`events` gets the news). */
  private async linkPersons(
    executor: Executor,
    live: Classified[],
    sourceId: string,
    context: { state: SubmissionState; events: NewFeedEvent[] },
  ): Promise<Map<Classified, Resolved & { link?: LinkOutcome }>> {
    const { state } = context;
    const out = new Map<Classified, Resolved & { link?: LinkOutcome }>();
    const persons = live.filter((c) => c.prepared.resourceType === 'Patient');
    const toLink = persons.filter((c) => c.action !== 'unchanged');
    const fallbackAreaCode =
      toLink.length > 0 ? await this.deps.records.sourceArea(executor, sourceId) : null;
    const outcomes = await this.deps.linker.link(
      executor,
      toLink.map((c): PersonToLink => ({
        sourceId,
        sourceRecordId: c.prepared.sourceRecordId ?? c.localId,
        recordId: c.id,
        person: c.prepared.item.record as PersonRecord,
        fallbackAreaCode,
        ...(c.prepared.item.alias ? { alias: c.prepared.item.alias } : {}),
      })),
    );
    toLink.forEach((c, k) =>
      out.set(c, { personId: outcomes[k]!.personId, subjectId: c.id, link: outcomes[k]! }),
    );
    const moved = outcomes.filter((o) => o.movedFrom !== undefined);
    const now = this.deps.clock.now().toISOString();
    for (const link of moved.length === 0
      ? []
      : await this.deps.mpi.findLinks(
          executor,
          moved.map((o) => o.recordKey),
        )) {
      const outcome = moved.find((o) => o.recordKey === link.record_key)!;
      context.events.push(
        ...(await this.deps.mover.follow(executor, {
          link,
          from: outcome.movedFrom!,
          to: outcome.personId,
          reason: 'corrected by its source',
          cause: 'correction',
          now,
        })),
      );
    }
    for (const c of persons) {
      if (c.action === 'unchanged') out.set(c, { personId: c.existing?.person_id ?? null, subjectId: c.id });
      const resolved = out.get(c)!;
      state.patients.set(c.localId, resolved);
      state.recordKeys.set(sourceRecordKey(sourceId, c.prepared.sourceRecordId ?? c.localId), resolved);
      for (const key of sourceKeysOf(c.prepared.item.record, sourceId))
        if (!state.recordKeys.has(key)) state.recordKeys.set(key, resolved);
    }
    return out;
  }

  private async resolveSubjects(
    executor: Executor,
    live: Classified[],
    state: SubmissionState,
    sourceId: string,
  ): Promise<Map<Classified, Resolved>> {
    const out = new Map<Classified, Resolved>();
    const pending = live.filter((c) => c.action !== 'unchanged' && c.subject);
    const refs = [
      ...new Set(pending.flatMap((c) => (c.subject?.kind === 'person-ref' ? [c.subject.ref] : []))),
    ];
    const byRef =
      refs.length === 0
        ? new Map<string, string>()
        : await personsForRefs(this.deps.mpi, executor, {
            refs,
            sourceId,
            now: this.deps.clock.now().toISOString(),
            areaCode: await this.deps.records.sourceArea(executor, sourceId),
          });
    for (const c of pending) {
      const ref = c.subject!;
      if (ref.kind === 'patient')
        out.set(c, state.patients.get(ref.id) ?? { personId: null, subjectId: ref.id });
      else if (ref.kind === 'record-key')
        out.set(c, state.recordKeys.get(ref.recordKey) ?? { personId: null, subjectId: null });
      else if (ref.kind === 'person-ref')
        out.set(c, { personId: byRef.get(ref.ref) ?? null, subjectId: null });
    }
    return out;
  }

  /**
   * The golden-record area of each person (facts carry it so area queries need no join). The linker has
   * just written (or read) the rows of the persons it linked: their areas come from it unless a corrected
   * record moved between persons (the move rewrites golden records after the link); only the others are read.
   */
  private async areasOf(
    executor: Executor,
    persons: readonly Resolved[],
    linked: Map<Classified, Resolved & { link?: LinkOutcome }>,
  ): Promise<Map<string, string | null>> {
    const areas = new Map<string, string | null>();
    const links = [...linked.values()];
    if (!links.some((r) => r.link?.movedFrom !== undefined))
      for (const { link } of links)
        if (link?.personArea !== undefined) areas.set(link.personId, link.personArea);
    const unknown = new Set<string>();
    for (const { personId } of persons) if (personId && !areas.has(personId)) unknown.add(personId);
    for (const row of await this.deps.mpi.findPersons(executor, [...unknown]))
      areas.set(row.id, row.area_code);
    return areas;
  }
}

/**
 * A record the classification refuses, with the one issue that says why. A module function, not a closure
 * made per record: tsx (which runs the platform) names every closure it creates (`__name`), and that cost a
 * property definition and ~1 KB of garbage per record on the hot path.
 */
function rejectedAs(
  prepared: PreparedRecord,
  httpStatus: number,
  field: string | undefined,
  reason: string | CodedReason,
): Classified {
  return {
    prepared,
    action: 'reject',
    id: prepared.id ?? '',
    localId: prepared.id ?? '',
    version: 0,
    httpStatus,
    issues: [
      {
        position: prepared.item.position,
        ...(field ? { field } : {}),
        ...(typeof reason === 'string' ? { reason } : reason),
      },
    ],
  };
}

/** A record whose subject cannot be found (422, or 400 for a reference that cannot name a record). */
function refuseSubject(c: Classified, issue: Omit<IngestIssue, 'position'>, status = 422): void {
  c.action = 'reject';
  c.httpStatus = status;
  c.issues = [{ position: c.prepared.item.position, ...issue }];
}

/**
 * Refuses, before anything is stored, each record its source's type does not submit (403, see
 * submitted-records.ts) or dated in the future (400, see future-dates.ts), and every other record of the same
 * line: a CSV row becomes a Patient and its result, and a row is stored whole or not at all (a `partial`
 * import must not keep the patient of a refused row). Bundle entries and NDJSON lines stand alone. True when
 * any was refused.
 */
function refuseUnfit(
  prepared: readonly PreparedRecord[],
  context: { now: Date; sourceType: string | undefined; sourceId: string },
  outcomes: Map<PreparedRecord, IngestOutcome>,
): boolean {
  const refusedLines = new Set<number>();
  for (const p of prepared) {
    const { position, record, resource } = p.item;
    const notSubmitted = submissionRefusal(record.kind, context.sourceType);
    if (notSubmitted !== null) {
      refusedLines.add(position);
      const field = resource !== undefined ? 'resourceType' : undefined;
      outcomes.set(p, {
        position,
        status: 'rejected',
        httpStatus: 403,
        issues: [{ position, ...(field ? { field } : {}), ...notSubmitted }],
      });
      continue;
    }
    const issue =
      futureDateIssue(record, resource !== undefined, context.now) ??
      (context.sourceType !== undefined ? otherSourceIdentifierIssue(record, context.sourceId) : null);
    if (!issue) continue;
    refusedLines.add(position);
    outcomes.set(p, { position, status: 'rejected', httpStatus: 400, issues: [{ position, ...issue }] });
  }
  for (const p of prepared) {
    const { position } = p.item;
    if (outcomes.has(p) || !refusedLines.has(position)) continue;
    // The line's report already names the cause; the row's other records add nothing to it.
    outcomes.set(p, { position, status: 'rejected', httpStatus: 400, issues: [] });
  }
  return refusedLines.size > 0;
}

function storedRow<Content>(
  c: Classified,
  context: {
    sourceId: string;
    receivedAt: string;
    personId: string | null;
    subjectId: string | null;
    area: string | null;
  },
  content: { resource: Content | null; record: Content | null },
): RecordColumns<Content> {
  const { prepared } = c;
  const { item, search } = prepared;
  return {
    resource_type: prepared.resourceType,
    id: c.id,
    local_id: c.localId === c.id ? null : c.localId,
    source_id: context.sourceId,
    source_record_id: prepared.sourceRecordId ?? c.localId,
    version: c.version,
    content_hash: prepared.hash,
    created_at: c.existing?.created_at ?? context.receivedAt,
    received_at: context.receivedAt,
    last_updated_ms: Date.parse(context.receivedAt),
    effective_at: search.effectiveAt,
    person_id: context.personId,
    subject_id: context.subjectId,
    code_system: search.codeSystem,
    code: search.code,
    date_from: search.dateFrom,
    date_to: search.dateTo,
    recorded_ms: search.recordedMs,
    area_code: item.record.kind === 'person' ? (item.record.areaCode ?? context.area) : context.area,
    resource: content.resource,
    record: content.record,
  };
}

/** The stored resource (server id, no meta) or, for a CSV row, the normalised record. */
function storedContentOf(c: Classified): { resource: Json | null; record: Json | null } {
  const { item } = c.prepared;
  return item.resource
    ? { resource: storedResource(item.resource, c.id), record: null }
    : { resource: null, record: item.record as unknown as Json };
}

/** The same as JSON text, from the JSON the content hash was taken of (the record's is that very text). */
function storedJsonOf(c: Classified): { resource: string | null; record: string | null } {
  const { item, contentJson } = c.prepared;
  return item.resource
    ? { resource: storedResourceJson(item.resource, contentJson, c.id), record: null }
    : { resource: null, record: contentJson };
}

/**
 * A registered source's Patient that carries another source's record id (`urn:shuzhi:source:{other}|p-0001`):
 * the index filed it as that source's record (`shuzhi linkage export` listed the other source's p-0001 under
 * a second person) and gave its person the other's identifier. Refused, as a subject named that way is
 * (subject-references.ts); the operator's imports (no registered type) are not limited here.
 */
function otherSourceIdentifierIssue(
  record: StoredRecord,
  sourceId: string,
): ({ field: string } & CodedReason) | null {
  if (record.kind !== 'person') return null;
  const identifiers = [...record.identifiers, ...record.invalidIdentifiers.map((i) => i.identifier)];
  const foreign = identifiers.find((i) => {
    const owner = sourceIdOfSystem(i.system);
    return owner !== null && owner !== sourceId;
  });
  if (!foreign) return null;
  return {
    field: 'identifier.system',
    ...coded('other-source-system', { system: foreign.system, source: sourceId }),
  };
}

/**
 * Record keys a person record is also known by: its identifiers under the source's own
 * `urn:shuzhi:source:` system (another source's system names that source's records, not this one).
 */
function sourceKeysOf(record: StoredRecord, sourceId: string): string[] {
  if (record.kind !== 'person') return [];
  const own = sourceRecordSystem(sourceId);
  return record.identifiers.flatMap((i) => (i.system === own ? [sourceRecordKey(sourceId, i.value)] : []));
}

/** Identifiers stored for FHIR `identifier` search. */
function identifiersOf(prepared: PreparedRecord): { system: string; value: string }[] {
  const record = prepared.item.record;
  const fromResource = prepared.item.resource?.identifier;
  if (Array.isArray(fromResource)) {
    return fromResource.flatMap((i: unknown) => {
      const identifier = i as { system?: unknown; value?: unknown };
      return typeof identifier.system === 'string' && typeof identifier.value === 'string'
        ? [{ system: identifier.system, value: identifier.value }]
        : [];
    });
  }
  if (record.kind === 'person')
    return [...record.identifiers, ...record.invalidIdentifiers.map((i) => i.identifier)];
  return [];
}

function outcomeOf(c: Classified, personId: string | null, lastModified: string): IngestOutcome {
  return {
    position: c.prepared.item.position,
    status: c.action === 'create' ? 'created' : c.action === 'update' ? 'updated' : 'unchanged',
    resourceType: c.prepared.resourceType,
    id: c.localId,
    storedId: c.id,
    version: c.version,
    lastModified,
    personId,
  };
}

function linkOutcomeOf(
  linked: Map<Classified, Resolved & { link?: LinkOutcome }>,
  c: Classified,
): LinkOutcome | undefined {
  return linked.get(c)?.link;
}

function recordEvent(
  c: Classified,
  row: RecordColumns<unknown>,
  link: LinkOutcome | undefined,
): NewFeedEvent {
  const record = c.prepared.item.record;
  const entity = topicEntityOf[record.kind];
  const change = c.action === 'create' ? 'created' : 'updated';
  const payload: Record<string, unknown> = { version: row.version };
  if (record.kind === 'lab-result')
    Object.assign(payload, {
      testKind: record.testKind,
      result: record.result,
      code: record.test.code,
      // Early warning counts tests per local day of the result and leaves cancelled ones out.
      status: record.status,
      specimenCollectedAt: record.specimenCollectedAt ?? null,
      resultedAt: record.resultedAt ?? null,
    });
  if (record.kind === 'diagnosis')
    Object.assign(payload, { code: record.code.code, classification: record.classification });
  if (record.kind === 'encounter')
    Object.assign(payload, { setting: record.setting, start: record.start ?? null });
  // Pharmacy sales become the antipyretic and cough-medicine indicators: class, units, day and area.
  if (record.kind === 'pharmacy-sale')
    Object.assign(payload, {
      productClass: record.productClass,
      units: record.units,
      date: record.date,
      areaCode: record.areaCode,
    });
  if (link)
    Object.assign(payload, {
      method: link.method,
      createdPerson: link.createdPerson,
      reviews: link.reviews,
      // A corrected record linked to another person: the one it left (see hub.person.unmerged).
      ...(link.movedFrom !== undefined ? { movedFrom: link.movedFrom } : {}),
    });
  return {
    topic: record.kind === 'person' ? 'hub.person.linked' : `hub.${entity}.${change}`,
    entityType: row.resource_type,
    entityId: row.id,
    personId: row.person_id,
    areaCode: row.area_code,
    sourceId: row.source_id,
    payload,
  };
}

function withoutIdAndMeta(resource: Json): Json {
  const { id: _id, meta: _meta, ...content } = resource;
  return content;
}
