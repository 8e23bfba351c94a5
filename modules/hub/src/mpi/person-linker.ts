/**
 * Links each arriving person record to a person (master person index, MISSION S2): deterministically on an
 * identifier the hub already knows (valid resident ID, passport, an imported person id), else with the
 * core's Fellegi–Sunter `PersonIndex` — link, review queue, or a new person. The index lives in memory,
 * built from the stored links on first use and kept in step with the database through a version counter:
 * each linking transaction increments it (the row lock serialises linkers across processes), and an index
 * that missed a version (another process linked, or its own transaction rolled back) catches up or rebuilds.
 */
import { newId, type Clock } from '@shuzhi/core';
import {
  defaultIdentifierSystems,
  defaultLinkageThresholds,
  passportValue,
  PersonIndex,
  validResidentId,
  type MatchDecision,
  type ReviewReason,
  sourceIdOfSystem,
  toLinkageRecord,
  type Identifier,
  type LinkageRecord,
  type LinkageThresholds,
  type MatchCandidate,
  type PersonRecord,
} from '../core/index.js';
import type { RefIdentifier } from '../persons/person-refs.js';
import type { Executor } from '../records/bulk-writer.js';
import { confirmedGolden, goldenOf, sameGolden, type GoldenSource } from './golden-record.js';
import { membersOf } from './person-groups.js';
import { forgetUnstatedDocuments, goldenOfLinks } from './record-move.js';
import type {
  GoldenRecord,
  IdentifierInsert,
  LinkMethod,
  LinkRow,
  MpiRepository,
  PersonRow,
  ReviewRow,
} from './mpi.repository.js';

export interface PersonToLink {
  sourceId: string;
  sourceRecordId: string;
  /** The stored record (a Patient, or the person of a CSV row) this person record is. */
  recordId: string;
  person: PersonRecord;
  /** An imported person id (a traveller's `person_id`) that must resolve to the same person. */
  alias?: RefIdentifier;
  /**
   * The area a new person is filed under when their record states none: the submitting source's own area
   * (属地管理 — a report is handled where the reporting institution is until the residence is known).
   */
  fallbackAreaCode?: string | null;
}

export interface LinkOutcome {
  recordKey: string;
  personId: string;
  /** A person was created for this record. */
  createdPerson: boolean;
  /** `existing`: the record was linked before (a re-sent or corrected record keeps its person). */
  method: LinkMethod | 'existing';
  score: number | null;
  /** Candidates queued for review. */
  reviews: number;
  /**
   * A corrected record that left the person it was linked to (see `PersonLinker.relink`): that person. The
   * caller moves what was derived from the record along (`RecordMover.follow`).
   */
  movedFrom?: string;
  /**
   * The area the person is filed under once the whole batch is linked (its golden record as written), so
   * the caller need not read it back; undefined when the linker did not read or write that person's row.
   */
  personArea?: string | null;
}

export interface LinkerOptions {
  /** Records the prior odds are based on while the index is smaller (see `PersonIndexOptions.populationSize`). */
  populationSize: number;
  thresholds?: LinkageThresholds;
}

export class PersonLinker {
  private index: PersonIndex | null = null;
  /** The `mpi_state.version` the index reflects. */
  private indexVersion = -1;
  /** Merged person → the person it was merged into. */
  private mergedInto = new Map<string, string>();

  constructor(
    private readonly repository: MpiRepository,
    private readonly clock: Clock,
    private readonly options: LinkerOptions,
  ) {}

  /** Links person records inside the caller's transaction; one outcome per record, in order. */
  async link(executor: Executor, items: readonly PersonToLink[]): Promise<LinkOutcome[]> {
    if (items.length === 0) return [];
    const version = await this.repository.bumpVersion(executor);
    const index = await this.synchronise(executor, version - 1);
    // From here the index runs ahead of the database until the transaction commits; if it rolls back the
    // next linker sees a version it did not expect and rebuilds.
    this.indexVersion = version;
    const now = this.clock.now().toISOString();
    const known = await this.knownIdentifiers(executor, items);
    const links: LinkRow[] = [];
    const newPersons = new Map<string, PersonRow>();
    const goldenChanges = new Map<string, PendingGolden>();
    /** Persons a record linked to, with its source's area: filed there while no record states an area. */
    const fallbackAreas = new Map<string, string>();
    /** The records of each person this batch created, oldest first (their golden record is all of them). */
    const freshSources = new Map<string, GoldenSource[]>();
    const batch = { changes: goldenChanges, newPersons, freshSources, fallbackAreas };
    const identifiers: IdentifierInsert[] = [];
    const reviews: ReviewRow[] = [];
    const outcomes: LinkOutcome[] = [];
    for (const item of items) {
      const person: PersonRecord = { ...item.person, sourceRecordId: item.sourceRecordId };
      const record = toLinkageRecord(person, item.sourceId);
      const fields = linkFields(record, exportIdentifierOf(item));
      const existing = index.personOf(record.recordKey);
      const before = index.recordOf(record.recordKey);
      let correction: (Decision & { stay: false }) | undefined;
      if (existing !== undefined && before !== undefined) {
        index.remove(record.recordKey);
        const change = identityChange(before, record);
        // The record's open pairs were judged on fields it no longer has: its new decision replaces them.
        const pending =
          change === 'none' ? [] : await this.repository.openReviewsOfRecord(executor, record.recordKey);
        const waiting = pending.some((review) => this.resolve(review.person_id) === existing);
        const relinked = this.relink(index, { record, item, known, existing, change, waiting });
        await this.repository.supersedeReviews(
          executor,
          pending.map((review) => review.id),
          now,
        );
        if (!relinked.stay) correction = relinked;
        else {
          correction = undefined;
          // The person stays: the index learns the record's new fields all the same.
          index.load(record, existing);
          await this.repository.updateLinkFields(executor, {
            ...emptyLink(record.recordKey, item, existing, now, version),
            ...fields,
          });
          reviews.push(...reviewRows(record.recordKey, existing, relinked.reviewCandidates, now));
          if (change === 'document')
            await forgetUnstatedDocuments(this.repository, executor, {
              personId: existing,
              sourceId: item.sourceId,
            });
          // A corrected ID or passport the person now holds is found by search and by the next record.
          identifiers.push(...identifierRows(personIdentifiers(person, item), existing, item.sourceId, now));
          outcomes.push({
            recordKey: record.recordKey,
            personId: existing,
            createdPerson: false,
            method: 'existing',
            score: null,
            reviews: relinked.reviewCandidates.length,
          });
          // The record's earlier fields counted too: only a recount takes its old vote away.
          this.noteGolden(batch, existing, person, {
            fallbackAreaCode: item.fallbackAreaCode,
            corrected: true,
          });
          continue;
        }
      }
      const decided: Decision = correction ?? this.decide(index, record, item, { owners: known });
      let personId = decided.personId ?? newId('per');
      let created = decided.personId === undefined;
      try {
        // A new person may hold an ID another person holds too (an ID in doubt, waiting for review): the ID
        // keeps pointing at its first holder, as after a split (`PersonIndex.load`).
        if (created) index.load(record, personId);
        else index.add(record, personId);
      } catch {
        // The identifier pointed at a person holding another valid resident ID: a new person instead.
        personId = newId('per');
        created = true;
        index.load(record, personId);
      }
      // A corrected record leaving its person for a new one is filed as a split is: its own area, else its
      // source's, else where its person was (see `MpiService.split`).
      const fallbackArea =
        item.fallbackAreaCode ??
        (existing === undefined ? null : await this.areaOf(executor, existing, newPersons));
      if (created) {
        freshSources.set(personId, [goldenSourceOf(person)]);
        newPersons.set(personId, {
          id: personId,
          created_at: now,
          updated_at: now,
          merged_into: null,
          ...withFallbackArea(goldenOf([goldenSourceOf(person)]), fallbackArea),
        });
      } else this.noteGolden(batch, personId, person, { fallbackAreaCode: item.fallbackAreaCode });
      const method: LinkMethod = created && decided.method !== 'review' ? 'new' : decided.method;
      const row: LinkRow = {
        ...emptyLink(record.recordKey, item, personId, now, version),
        ...fields,
        method,
        score: decided.candidate?.score ?? null,
        explanation: method === 'probabilistic' ? (decided.candidate?.explanation ?? null) : null,
      };
      if (existing === undefined) links.push(row);
      else await this.repository.relinkRecord(executor, row);
      reviews.push(...reviewRows(record.recordKey, personId, decided.reviewCandidates, now));
      const own = personIdentifiers(person, item);
      identifiers.push(...identifierRows(own, personId, item.sourceId, now));
      for (const identifier of own) known.set(identifierKey(identifier), personId);
      outcomes.push({
        recordKey: record.recordKey,
        personId,
        createdPerson: created,
        method,
        score: decided.candidate?.score ?? null,
        reviews: decided.reviewCandidates.length,
        ...(existing === undefined ? {} : { movedFrom: existing }),
      });
    }
    await this.repository.insertPersons(executor, [...newPersons.values()]);
    await this.repository.insertLinks(executor, links);
    await this.repository.insertIdentifiers(executor, identifiers);
    await this.repository.insertReviews(executor, reviews);
    const areas = await this.writeGoldenChanges(executor, goldenChanges, { now, fallbackAreas });
    for (const outcome of outcomes) {
      const created = newPersons.get(outcome.personId);
      const area = created ? created.area_code : areas.get(outcome.personId);
      if (area !== undefined) outcome.personArea = area;
    }
    return outcomes;
  }

  /** The person a record key is linked to in the index (after merges), if any. */
  async personOfRecord(executor: Executor, recordKey: string): Promise<string | undefined> {
    const index = await this.synchronise(executor, await this.repository.currentVersion(executor));
    return index.personOf(recordKey);
  }

  /** The person a merged person now is (the survivor at the end of the chain), or the id itself. */
  resolve(personId: string): string {
    let current = personId;
    for (let i = 0; i < 20; i++) {
      const next = this.mergedInto.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  /**
   * Applies a merge or unmerge to the index inside the caller's transaction (after `bumpVersion`): the
   * records of `recordKeys` now belong to `personId`.
   */
  async reassign(
    executor: Executor,
    change: {
      version: number;
      recordKeys: readonly string[];
      personId: string;
      merged?: [string, string | null];
    },
  ): Promise<void> {
    const index = await this.synchronise(executor, change.version - 1);
    this.indexVersion = change.version;
    if (change.merged) {
      const [id, into] = change.merged;
      if (into === null) this.mergedInto.delete(id);
      else this.mergedInto.set(id, into);
    }
    for (const key of change.recordKeys) index.assign(key, change.personId);
  }

  /** Forgets the index; the next use rebuilds it from the database. */
  invalidate(): void {
    this.index = null;
    this.indexVersion = -1;
  }

  /** Makes the index reflect the database at `version`: as is, caught up with newer links, or rebuilt. */
  private async synchronise(executor: Executor, version: number): Promise<PersonIndex> {
    if (this.index && this.indexVersion === version) return this.index;
    if (this.index && this.indexVersion >= 0 && this.indexVersion < version) {
      const merges = await this.repository.mergesSince(executor, this.indexVersion, version);
      if (merges === 0) {
        const index = this.index;
        for (const link of await this.repository.linksSince(executor, this.indexVersion, version)) {
          // A record linked before comes back with its stored fields: another process may have taken a
          // correction of it (new fields, perhaps another person).
          index.remove(link.record_key);
          index.load(linkageRecordOf(link), this.resolve(link.person_id));
        }
        this.indexVersion = version;
        return index;
      }
    }
    return this.rebuild(executor, version);
  }

  private async rebuild(executor: Executor, version: number): Promise<PersonIndex> {
    this.mergedInto = await this.repository.mergedPersons(executor);
    const index = new PersonIndex({
      populationSize: this.options.populationSize,
      thresholds: this.options.thresholds ?? defaultLinkageThresholds,
    });
    // Stored links are decisions already made (a split can leave one resident ID with two persons): load
    // them as they are, never refuse, or one such pair would stop all linking after a restart.
    for await (const page of this.repository.allLinks(executor)) {
      for (const link of page) index.load(linkageRecordOf(link), this.resolve(link.person_id));
    }
    this.index = index;
    this.indexVersion = version;
    return index;
  }

  /**
   * Where a corrected record (already taken out of the index) goes. A correction of other fields (phone,
   * address, a slip in the name) keeps the person. A new resident ID or passport that another person holds
   * moves the record to that person, as a new record with it would go (unless the record does not agree with
   * them: then review). Otherwise the record stays while it still matches its person — it is the person's
   * only record, or it scores at or above the link threshold against the others; when it no longer does
   * (the person holds another valid ID, or the new name and birth date are another person's) it leaves as a
   * split would: to the person it now links to, else a new one, with a review pair against the person it
   * left whenever a merge back could still be right (the cautious answer: a person decides).
   */
  private relink(
    index: PersonIndex,
    correction: {
      record: LinkageRecord;
      item: PersonToLink;
      known: Map<string, string>;
      existing: string;
      change: ReturnType<typeof identityChange>;
      /** The record is still waiting for review on a person of its own (linked to nobody yet). */
      waiting: boolean;
    },
  ): Correction {
    const { record, item, known, existing, change, waiting } = correction;
    if (change === 'none') return { stay: true, reviewCandidates: [] };
    const decided = this.decide(index, record, item, { owners: known, ignoreOwner: existing });
    if (decided.personId === existing) return { stay: true, reviewCandidates: [] };
    const byDocument = decided.method === 'resident-id' || decided.method === 'passport';
    if (decided.personId !== undefined && change === 'document' && byDocument)
      return { ...decided, stay: false };
    // A record waiting in the review queue counts as not linked (DESIGN.md): corrected so that it now links
    // (a name fixed to its ID holder's), it goes where a new record with these fields would.
    if (decided.personId !== undefined && waiting) return { ...decided, stay: false };
    const others = index.recordsOf(existing).length;
    const still = index.scoreAgainst(record, existing);
    const threshold = this.options.thresholds ?? defaultLinkageThresholds;
    if (others === 0 || (still !== undefined && still.score >= threshold.link)) {
      // It stays; what it now also resembles is for a person to judge.
      const elsewhere = decided.candidate ? [decided.candidate] : decided.reviewCandidates;
      return { stay: true, reviewCandidates: elsewhere.filter((c) => c.personId !== existing) };
    }
    const back = still === undefined ? [] : [withReason(still, 'corrected-record')];
    return {
      ...decided,
      stay: false,
      reviewCandidates: [...back, ...decided.reviewCandidates.filter((c) => c.personId !== existing)],
    };
  }

  /** `ignoreOwner`: a corrected record's own identifiers point back at its person and prove nothing. */
  private decide(
    index: PersonIndex,
    record: LinkageRecord,
    item: PersonToLink,
    known: { owners: Map<string, string>; ignoreOwner?: string },
  ): Decision {
    const { owners, ignoreOwner } = known;
    for (const identifier of deterministicIdentifiers(item)) {
      const owner = owners.get(identifierKey(identifier.identifier));
      if (owner === undefined) continue;
      const personId = this.resolve(owner);
      if (identifier.method === 'identifier' && personId === ignoreOwner) continue;
      if (identifier.method !== 'resident-id')
        return { personId, method: identifier.method, reviewCandidates: [] };
      return this.fromDecision(index.matchIdHolder(record, personId));
    }
    return this.fromDecision(index.match(record));
  }

  private fromDecision(decision: MatchDecision): Decision {
    switch (decision.outcome) {
      case 'link':
        return decision.via === 'probabilistic'
          ? {
              personId: decision.personId,
              method: 'probabilistic',
              candidate: decision.candidate,
              reviewCandidates: [],
            }
          : { personId: decision.personId, method: decision.via, reviewCandidates: [] };
      case 'known':
        return { personId: decision.personId, method: 'manual', reviewCandidates: [] };
      case 'review': {
        const threshold = (this.options.thresholds ?? defaultLinkageThresholds).review;
        return {
          method: 'review',
          // A candidate with reasons (the holder of the record's ID) waits for review whatever its score.
          reviewCandidates: decision.candidates.filter(
            (c) => c.score >= threshold || (c.explanation.reasons?.length ?? 0) > 0,
          ),
        };
      }
      case 'new':
        return { method: 'new', reviewCandidates: [] };
    }
  }

  private async knownIdentifiers(
    executor: Executor,
    items: readonly PersonToLink[],
  ): Promise<Map<string, string>> {
    const wanted = items.flatMap((item) => deterministicIdentifiers(item).map((d) => d.identifier));
    const values = [...new Set(wanted.map((i) => i.value))];
    const rows = values.length === 0 ? [] : await this.repository.identifiersByValue(executor, values);
    return new Map(rows.map((row) => [identifierKey(row), row.person_id]));
  }

  private noteGolden(
    batch: {
      changes: Map<string, PendingGolden>;
      newPersons: Map<string, PersonRow>;
      freshSources: Map<string, GoldenSource[]>;
      fallbackAreas: Map<string, string>;
    },
    personId: string,
    person: PersonRecord,
    record: { fallbackAreaCode: string | null | undefined; corrected?: boolean },
  ): void {
    const { changes, newPersons, freshSources, fallbackAreas } = batch;
    const source = goldenSourceOf(person);
    const fresh = newPersons.get(personId);
    const freshList = freshSources.get(personId);
    if (fresh && freshList) {
      freshList.push(source);
      const golden = goldenOf(freshList);
      // A person filed under its source's area stays there until a record states one.
      Object.assign(fresh, { ...golden, area_code: golden.area_code ?? fresh.area_code });
      return;
    }
    // The stored golden record is read once, in writeGoldenChanges; collect the sources until then.
    const pending = changes.get(personId) ?? { sources: [], recount: false };
    pending.sources.push(source);
    if (record.corrected) pending.recount = true;
    changes.set(personId, pending);
    const { fallbackAreaCode } = record;
    if (fallbackAreaCode && !fallbackAreas.has(personId)) fallbackAreas.set(personId, fallbackAreaCode);
  }

  /** The area a person is filed under now (one just created in this batch, or as stored). */
  private async areaOf(
    executor: Executor,
    personId: string,
    newPersons: Map<string, PersonRow>,
  ): Promise<string | null> {
    const fresh = newPersons.get(personId);
    if (fresh) return fresh.area_code;
    const [stored] = await this.repository.findPersons(executor, [personId]);
    return stored?.area_code ?? null;
  }

  /**
   * Writes the golden records the batch changed; returns the area each person it read is filed under now.
   * Records that confirm what a person shows update it as they are; only a person a record disagrees with
   * has their links read and counted again (`goldenOfLinks`), in one read for the batch.
   */
  private async writeGoldenChanges(
    executor: Executor,
    changes: Map<string, PendingGolden>,
    context: { now: string; fallbackAreas: Map<string, string> },
  ): Promise<Map<string, string | null>> {
    const { now, fallbackAreas } = context;
    const areas = new Map<string, string | null>();
    if (changes.size === 0) return areas;
    const stored = new Map(
      (await this.repository.findPersons(executor, [...changes.keys()])).map((p) => [p.id, p] as const),
    );
    const updated = new Map<string, GoldenRecord>();
    const recount: string[] = [];
    for (const [personId, pending] of changes) {
      const before = stored.get(personId);
      if (!before) continue;
      const confirmed = pending.recount ? undefined : confirmedGolden(before, pending.sources);
      if (confirmed) updated.set(personId, confirmed);
      else recount.push(personId);
    }
    for (const [personId, golden] of await this.countedGolden(executor, recount))
      updated.set(personId, golden);
    for (const [personId, golden] of updated) {
      const before = stored.get(personId)!;
      // A person no record files anywhere (created from an imported id, or by a source without an area) is
      // filed under the area of the source whose record now links to them (属地: the district that found them).
      const after = {
        ...golden,
        area_code: golden.area_code ?? before.area_code ?? fallbackAreas.get(personId) ?? null,
      };
      if (!sameGolden(before, after)) await this.repository.updateGolden(executor, personId, after, now);
      areas.set(personId, after.area_code);
    }
    return areas;
  }

  /** The golden record of each person counted from all their links (and their merged members'). */
  private async countedGolden(executor: Executor, personIds: string[]): Promise<Map<string, GoldenRecord>> {
    const out = new Map<string, GoldenRecord>();
    if (personIds.length === 0) return out;
    const groups = await membersOf(this.repository, executor, personIds);
    const personOfMember = new Map<string, string>();
    for (const [personId, members] of groups)
      for (const member of members) personOfMember.set(member, personId);
    const linksOf = new Map<string, LinkRow[]>(personIds.map((id) => [id, []]));
    for (const link of await this.repository.linksOfPersons(executor, [...personOfMember.keys()]))
      linksOf.get(personOfMember.get(link.person_id)!)!.push(link);
    for (const [personId, links] of linksOf) out.set(personId, goldenOfLinks(links));
    return out;
  }
}

type Decision = {
  personId?: string;
  method: LinkMethod;
  candidate?: MatchCandidate;
  reviewCandidates: MatchCandidate[];
};

/** The records a batch linked to a person who existed before it, until the batch writes their golden record. */
type PendingGolden = {
  sources: GoldenSource[];
  /** A corrected record is among them: its earlier fields' vote has to go, so the person's records are counted again. */
  recount: boolean;
};

/** Where a corrected record goes: `stay` with its person (reviews against others), or as decided. */
type Correction = { stay: true; reviewCandidates: MatchCandidate[] } | (Decision & { stay: false });

/**
 * What a correction changed of what identifies the record: a valid resident ID or passport (added,
 * removed or replaced), else the name, sex or birth date, else nothing linkage looks at first.
 */
export function identityChange(before: LinkageRecord, after: LinkageRecord): 'document' | 'details' | 'none' {
  const residentId = (r: LinkageRecord) => (r.residentId ? validResidentId(r.residentId) : null);
  const passport = (r: LinkageRecord) => (r.passport ? passportValue(r.passport) : null);
  if (residentId(before) !== residentId(after) || passport(before) !== passport(after)) return 'document';
  const same = (a: string | undefined, b: string | undefined) =>
    (a ?? '').normalize('NFKC').trim() === (b ?? '').normalize('NFKC').trim();
  if (
    !same(before.name, after.name) ||
    !same(before.birthDate, after.birthDate) ||
    !same(before.sex, after.sex)
  )
    return 'details';
  return 'none';
}

function withReason(candidate: MatchCandidate, reason: ReviewReason): MatchCandidate {
  const reasons = [...new Set([...(candidate.explanation.reasons ?? []), reason])];
  return { ...candidate, explanation: { ...candidate.explanation, reasons } };
}

function reviewRows(
  recordKey: string,
  personId: string,
  candidates: readonly MatchCandidate[],
  now: string,
): ReviewRow[] {
  return candidates.map((candidate) => ({
    id: newId('rvw'),
    record_key: recordKey,
    person_id: personId,
    candidate_person_id: candidate.personId,
    candidate_record_key: candidate.recordKey,
    score: candidate.score,
    explanation: candidate.explanation,
    status: 'open',
    created_at: now,
    decided_by: null,
    decided_at: null,
    merge_id: null,
  }));
}

function identifierRows(
  own: readonly Identifier[],
  personId: string,
  sourceId: string,
  now: string,
): IdentifierInsert[] {
  // Members written out: a spread followed by new members takes V8's slow path (µs per object).
  return own.map((identifier) => ({
    system: identifier.system,
    value: identifier.value,
    person_id: personId,
    source_id: sourceId,
    created_at: now,
  }));
}

/** Identifiers that link a record deterministically when the hub already knows them, strongest first. */
function deterministicIdentifiers(item: PersonToLink): { identifier: Identifier; method: LinkMethod }[] {
  const systems = defaultIdentifierSystems;
  const out: { identifier: Identifier; method: LinkMethod }[] = [];
  for (const identifier of item.person.identifiers) {
    if (identifier.system === systems.residentId) out.push({ identifier, method: 'resident-id' });
  }
  for (const identifier of item.person.identifiers) {
    if (identifier.system === systems.passport) out.push({ identifier, method: 'passport' });
  }
  for (const identifier of item.person.identifiers) {
    if (sourceIdOfSystem(identifier.system) !== null) out.push({ identifier, method: 'identifier' });
  }
  if (item.alias) out.push({ identifier: item.alias, method: 'identifier' });
  return out;
}

/** Identifiers a linked person record adds to the person, so imports and searches find the person by them. */
function personIdentifiers(person: PersonRecord, item: PersonToLink): Identifier[] {
  const systems = defaultIdentifierSystems;
  const out = person.identifiers.filter(
    (i) =>
      i.system === systems.residentId || i.system === systems.passport || sourceIdOfSystem(i.system) !== null,
  );
  if (item.alias) out.push(item.alias);
  return out;
}

/**
 * The identifier a linkage export lists for this record: the record's own `urn:shuzhi:source:` identifier
 * (the submitting source's first, else any), or the submitting source and the record's id.
 */
export function exportIdentifierOf(item: PersonToLink): Identifier {
  const systems = defaultIdentifierSystems;
  const own = `${systems.sourcePrefix}${item.sourceId}`;
  const sourceIds = item.person.identifiers.filter((i) => sourceIdOfSystem(i.system) !== null);
  return (
    sourceIds.find((i) => i.system === own) ?? sourceIds[0] ?? { system: own, value: item.sourceRecordId }
  );
}

function identifierKey(identifier: { system: string; value: string }): string {
  return `${identifier.system}|${identifier.value}`;
}

function linkFields(record: LinkageRecord, exported: Identifier): Partial<LinkRow> {
  return {
    name: record.name ?? null,
    sex: record.sex ?? null,
    birth_date: record.birthDate ?? null,
    phone: record.phone ?? null,
    area_code: record.areaCode ?? null,
    address: record.address ?? null,
    resident_id: record.residentId ?? null,
    passport: record.passport ?? null,
    export_system: exported.system,
    export_value: exported.value,
  };
}

function emptyLink(
  recordKey: string,
  item: PersonToLink,
  personId: string,
  now: string,
  version: number,
): LinkRow {
  return {
    record_key: recordKey,
    source_id: item.sourceId,
    source_record_id: item.sourceRecordId,
    record_id: item.recordId,
    person_id: personId,
    method: 'new',
    score: null,
    explanation: null,
    name: null,
    sex: null,
    birth_date: null,
    phone: null,
    area_code: null,
    address: null,
    resident_id: null,
    passport: null,
    export_system: '',
    export_value: '',
    linked_at: now,
    mpi_version: version,
  };
}

/** The record linkage compares, from a stored link. */
export function linkageRecordOf(link: LinkRow): LinkageRecord {
  const record: LinkageRecord = { recordKey: link.record_key, sourceId: link.source_id };
  if (link.name) record.name = link.name;
  if (link.sex) record.sex = link.sex as NonNullable<LinkageRecord['sex']>;
  if (link.birth_date) record.birthDate = link.birth_date;
  if (link.phone) record.phone = link.phone;
  if (link.area_code) record.areaCode = link.area_code;
  if (link.address) record.address = link.address;
  if (link.resident_id) record.residentId = link.resident_id;
  if (link.passport) record.passport = link.passport;
  return record;
}

function goldenSourceOf(person: PersonRecord): GoldenSource {
  const residentId = person.identifiers.find((i) => i.system === defaultIdentifierSystems.residentId)?.value;
  return {
    name: person.name ?? null,
    sex: person.sex ?? null,
    birthDate: person.birthDate ?? null,
    areaCode: person.areaCode ?? null,
    residentId: residentId ?? null,
  };
}

function withFallbackArea(golden: GoldenRecord, fallback: string | null | undefined): GoldenRecord {
  return golden.area_code === null && fallback ? { ...golden, area_code: fallback } : golden;
}
