/**
 * The master person index's use cases: find persons (masked per role or agreement), show a person with every
 * record linked to them, work the review queue, merge two persons, undo a merge, split a wrongly linked
 * record off, and export the index (`shuzhi linkage export`). Merges never move or rewrite a record: the
 * merged person points at the survivor (`persons.merged_into`), so an unmerge restores exactly what was.
 */
import {
  AppError,
  disclose,
  newId,
  notFoundOrNoAccess,
  type Clock,
  type ListParams,
  type Page,
  type SensitiveField,
} from '@shuzhi/core';
import { containsPattern, fetchPage, type Database } from '@shuzhi/db';
import { sql } from 'kysely';
import type { AccessContext } from '@shuzhi/identity';
import {
  checkResidentId,
  passportValue,
  validResidentId,
  type FieldExplanation,
  type PairExplanation,
} from '../core/index.js';
import type { CaseTracker } from '../facts/case-tracker.js';
import type { FactsRepository } from '../facts/facts.repository.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import type { NewFeedEvent } from '../feed/feed.schema.js';
import type { Executor } from '../records/bulk-writer.js';
import type { RecordsRepository } from '../records/records.repository.js';
import { goldenOf } from './golden-record.js';
import type { LinkRow, MergeRow, MpiRepository, PersonRow, ReviewRow, SplitRow } from './mpi.repository.js';
import type {
  LinkageExport,
  LinkedRecord,
  Merge,
  PersonDetail,
  PersonSummary,
  Review,
  Split,
} from './mpi.schema.js';
import { isPersonWithinArea, inPersonScope } from './person-area.js';
import { membersOf, survivorsOf } from './person-groups.js';
import type { PersonLinker } from './person-linker.js';
import { emptyPerson, goldenSourceOfLink, RecordMover, refreshGolden } from './record-move.js';
import { changedFieldsOf, sideOf } from './review-sides.js';

export interface MpiDependencies {
  database: Database;
  repository: MpiRepository;
  linker: PersonLinker;
  records: RecordsRepository;
  facts: FactsRepository;
  cases: CaseTracker;
  feed: ChangeFeed;
  clock: Clock;
}

/** The most linked records a name search reads. */
const NAME_MATCHES = 1000;

export class MpiService {
  private readonly mover: RecordMover;

  constructor(private readonly deps: MpiDependencies) {
    this.mover = new RecordMover({
      repository: deps.repository,
      records: deps.records,
      facts: deps.facts,
      cases: deps.cases,
    });
  }

  /** Persons (survivors only) within the caller's area, by name, id or an identifier. */
  async searchPersons(
    ctx: AccessContext,
    params: ListParams & { identifier?: string },
  ): Promise<Page<PersonSummary>> {
    // Merged persons are found as their survivor; emptied ones (every record moved away) hold nobody.
    let q = this.deps.database.db
      .selectFrom('persons')
      .selectAll()
      .where('merged_into', 'is', null)
      .where('emptied_at', 'is', null);
    const scope = ctx.principal.areaCode;
    if (scope !== null) q = q.where(inPersonScope('area_code', scope));
    if (params.identifier) {
      const owners = await this.deps.repository.identifiersByValue(
        this.deps.database.db,
        identifierSpellings(params.identifier),
      );
      const survivors = await survivorsOf(
        this.deps.repository,
        this.deps.database.db,
        owners.map((o) => o.person_id),
      );
      const ids = [...new Set(survivors.values())];
      q = q.where('id', 'in', ids.length > 0 ? ids : ['-']);
    }
    const page = await fetchPage<PersonRow>(q, params, {
      sortable: { updated: 'updated_at', name: 'name', birthDate: 'birth_date', area: 'area_code' },
      key: 'id',
      searchable: ['name', 'id'],
      searchAlso: { column: 'id', values: await this.personsNamedIn(params.q) },
    });
    return { ...page, items: page.items.map((p) => toSummary(p, ctx.disclosed)) };
  }

  /**
   * The persons (survivors) any of whose linked records gives a name containing `q`: a person shows the name
   * of one record, and was not found by the others (a lab's correct Chinese name, after a hospital's later
   * record with a typo or in pinyin). At most `NAME_MATCHES` records, as a search, not an export.
   */
  private async personsNamedIn(q: string | undefined): Promise<string[]> {
    if (!q?.trim()) return [];
    const db = this.deps.database.db;
    const linked: { person_id: string }[] = await db
      .selectFrom('person_links')
      .select('person_id')
      .distinct()
      .where(sql<boolean>`lower(name) like ${containsPattern(q)} escape '\\'`)
      .limit(NAME_MATCHES)
      .execute();
    const survivors = await survivorsOf(
      this.deps.repository,
      db,
      linked.map((l) => l.person_id),
    );
    return [...new Set(survivors.values())];
  }

  /** A person with every record linked to them and their merges; a merged id shows the survivor. */
  async getPerson(ctx: AccessContext, id: string): Promise<PersonDetail> {
    const db = this.deps.database.db;
    const survivor = (await survivorsOf(this.deps.repository, db, [id])).get(id) ?? id;
    const [person] = await this.deps.repository.findPersons(db, [survivor]);
    if (!person || !isPersonWithinArea(person.area_code, ctx.principal.areaCode))
      throw notFoundOrNoAccess(`person ${id}`);
    const members = (await membersOf(this.deps.repository, db, [survivor])).get(survivor) ?? [survivor];
    const links = await this.deps.repository.linksOfPersons(db, members);
    const identifiers = await db
      .selectFrom('person_identifiers')
      .select(['system', 'value'])
      .where('person_id', 'in', members)
      .execute();
    const merges = await this.deps.repository.mergesOf(members);
    const splits = await this.deps.repository.splitsOf(members);
    const reviews = await this.deps.repository.openReviewsOf(db, members);
    const sourceNames = await this.deps.facts.sourceNames(links.map((l) => l.source_id));
    const emptied = person.emptied_at ?? null;
    return {
      ...toSummary(person, ctx.disclosed),
      requestedId: id,
      fate: emptied !== null ? 'emptied' : survivor !== id ? 'merged' : 'active',
      mergedInto: survivor !== id ? survivor : null,
      emptiedAt: emptied,
      recordsMovedTo: person.emptied_to ?? null,
      identifiers: (identifiers as { system: string; value: string }[]).map((i) => ({
        system: i.system,
        value: maskIdentifierValue(ctx.disclosed, i.system, i.value),
      })),
      records: links.map((l) => toLinkedRecord(l, ctx.disclosed, sourceNames)),
      merges: merges.map(toMerge),
      splits: splits.map(toSplit),
      openReviews: reviews.length,
    };
  }

  async listReviews(
    ctx: AccessContext,
    status: ReviewRow['status'] | undefined,
    params: ListParams,
  ): Promise<Page<Review>> {
    const page = await this.deps.repository.listReviews(
      { ...(status ? { status } : {}), areaScope: ctx.principal.areaCode },
      params,
    );
    return { ...page, items: await this.reviewsAsTheyStand(ctx, page.items) };
  }

  /** Review rows with each side's record as it stands now, its source named; pairs with a record gone, left out. */
  private async reviewsAsTheyStand(ctx: AccessContext, rows: readonly ReviewRow[]): Promise<Review[]> {
    const db = this.deps.database.db;
    const keys = [...new Set(rows.flatMap((r) => [r.record_key, r.candidate_record_key]))];
    const links = new Map((await this.deps.repository.findLinks(db, keys)).map((l) => [l.record_key, l]));
    const persons = [
      ...rows.flatMap((r) => [r.person_id, r.candidate_person_id]),
      ...[...links.values()].map((l) => l.person_id),
    ];
    const survivorOf = await survivorsOf(this.deps.repository, db, persons);
    const sourceNames = await this.deps.facts.sourceNames([...links.values()].map((l) => l.source_id));
    return rows.flatMap((r) => {
      const record = links.get(r.record_key);
      const candidate = links.get(r.candidate_record_key);
      if (!record || !candidate) return [];
      const changed = changedFieldsOf(r.explanation, record, candidate);
      const sides = {
        record: sideOf(record, { pairPerson: r.person_id, survivorOf, changedFields: changed.record }),
        candidate: sideOf(candidate, {
          pairPerson: r.candidate_person_id,
          survivorOf,
          changedFields: changed.candidate,
        }),
      };
      return [toReview(r, { record, candidate, sides, sourceNames }, ctx.disclosed)];
    });
  }

  async getReview(ctx: AccessContext, id: string): Promise<Review> {
    const row = await this.deps.repository.findReview(this.deps.database.db, id);
    if (!row) throw notFoundOrNoAccess(`review ${id}`);
    await this.assertVisible(ctx, this.deps.database.db, [row.person_id], `review ${id}`);
    const [review] = await this.reviewsAsTheyStand(ctx, [row]);
    if (!review) throw notFoundOrNoAccess(`review ${id}`);
    return review;
  }

  /** Merge (the two are one person) or distinct (they are not); either closes the review. */
  async decideReview(
    ctx: AccessContext,
    id: string,
    decision: { decision: 'merge' | 'distinct'; reason?: string },
  ): Promise<Review> {
    const row = await this.deps.repository.findReview(this.deps.database.db, id);
    if (!row) throw notFoundOrNoAccess(`review ${id}`);
    // The same scope as the queue (the arriving record's person): a pair the caller cannot list is not theirs.
    await this.assertVisible(ctx, this.deps.database.db, [row.person_id], `review ${id}`);
    if (row.status !== 'open') throw alreadyDecided(id, row.status);
    // A side moved away since (split off, corrected to another person): the pair compares what no longer is.
    const [standing] = await this.reviewsAsTheyStand(ctx, [row]);
    if (!standing) throw notFoundOrNoAccess(`review ${id}`);
    for (const side of ['record', 'candidate'] as const)
      if (standing.sides[side].state === 'moved') throw movedSince(id, side, standing[side].recordKey);
    if (decision.decision === 'merge') {
      await this.merge(ctx, {
        survivorId: row.candidate_person_id,
        mergedId: row.person_id,
        reason: decision.reason || 'review: the same person',
        reviewId: id,
      });
    } else {
      const closed = await this.deps.repository.decideReview(this.deps.database.db, id, {
        status: 'distinct',
        by: ctx.principal.id,
        byName: ctx.principal.displayName,
        at: this.deps.clock.now().toISOString(),
      });
      // Someone merged the pair (or marked it) between our read and this write: theirs stands.
      if (!closed) throw alreadyDecided(id, 'decided meanwhile');
    }
    return this.getReview(ctx, id);
  }

  /** Makes two persons one: `mergedId` (and everyone merged into it) now resolves to `survivorId`. */
  async merge(
    ctx: AccessContext,
    request: { survivorId: string; mergedId: string; reason: string; reviewId?: string },
  ): Promise<Merge> {
    const now = this.deps.clock.now().toISOString();
    const row = await this.deps.database.db.transaction().execute(async (trx) => {
      const version = await this.deps.repository.bumpVersion(trx);
      const resolved = await survivorsOf(this.deps.repository, trx, [request.survivorId, request.mergedId]);
      const survivor = resolved.get(request.survivorId)!;
      const merged = resolved.get(request.mergedId)!;
      if (survivor === merged)
        throw new AppError(
          'conflict',
          `${request.mergedId} and ${request.survivorId} are already one person`,
        );
      const persons = await this.deps.repository.findPersons(trx, [survivor, merged]);
      if (persons.length < 2) throw notFoundOrNoAccess(`person ${request.survivorId} or ${request.mergedId}`);
      for (const p of persons)
        if (!isPersonWithinArea(p.area_code, ctx.principal.areaCode))
          throw notFoundOrNoAccess(`person ${p.id}`);
      // An emptied person holds nothing to merge, and as a survivor would hide the group from search.
      const emptied = persons.find((p) => p.emptied_at);
      if (emptied) {
        const field = emptied.id === survivor ? 'survivorId' : 'mergedId';
        const reason = 'emptied: its last record moved to another person, it holds nothing';
        throw new AppError('conflict', `person ${emptied.id} was ${reason}`, {
          issues: [{ record: `person ${emptied.id}`, field, reason }],
        });
      }
      const groups = await membersOf(this.deps.repository, trx, [survivor, merged]);
      const survivorLinks = await this.deps.repository.linksOfPersons(trx, groups.get(survivor)!);
      const mergedLinks = await this.deps.repository.linksOfPersons(trx, groups.get(merged)!);
      const conflict = residentIdConflict(survivorLinks, mergedLinks);
      if (conflict)
        throw new AppError(
          'conflict',
          `the two persons hold different valid resident IDs (${conflict}); they cannot be one person`,
          {
            issues: [{ field: 'mergedId', reason: 'different valid resident IDs' }],
          },
        );
      const mergeRow: MergeRow = {
        id: newId('mrg'),
        survivor_id: survivor,
        merged_id: merged,
        reason: request.reason,
        review_id: request.reviewId ?? null,
        merged_by: ctx.principal.id,
        merged_at: now,
        status: 'active',
        undone_by: null,
        undone_at: null,
        mpi_version: version,
      };
      await this.deps.repository.setMergedInto(trx, merged, survivor, now);
      await this.deps.repository.insertMerge(trx, mergeRow);
      await this.deps.linker.reassign(trx, {
        version,
        recordKeys: mergedLinks.map((l) => l.record_key),
        personId: survivor,
        merged: [merged, survivor],
      });
      await this.refreshGolden(trx, survivor, [...survivorLinks, ...mergedLinks], now);
      await this.closeReviewsBetween(trx, {
        survivor,
        merged,
        mergeId: mergeRow.id,
        reviewId: request.reviewId,
        by: ctx.principal.id,
        now,
      });
      if (request.reviewId !== undefined) {
        // Decided as distinct meanwhile: the merge the review asked for is void (the transaction rolls back).
        const closed = await this.deps.repository.decideReview(trx, request.reviewId, {
          status: 'merged',
          by: ctx.principal.id,
          byName: ctx.principal.displayName,
          at: now,
          mergeId: mergeRow.id,
        });
        if (!closed) {
          const review = await this.deps.repository.findReview(trx, request.reviewId);
          throw alreadyDecided(request.reviewId, review?.status ?? 'gone');
        }
      }
      const events: NewFeedEvent[] = [
        {
          topic: 'hub.person.merged',
          entityType: 'Person',
          entityId: merged,
          personId: survivor,
          payload: { survivorId: survivor, mergedId: merged, mergeId: mergeRow.id },
        },
        ...(await this.deps.cases.refresh(trx, [survivor])),
        ...(await this.deps.cases.resolveAnsweredByMerge(trx, {
          survivorId: survivor,
          mergeId: mergeRow.id,
        })),
      ];
      await this.deps.feed.publish(trx, events);
      return mergeRow;
    });
    this.deps.feed.notify();
    return toMerge(row);
  }

  /** Undoes a merge: the merged person and its records are on their own again. */
  async unmerge(ctx: AccessContext, mergeId: string, reason: string): Promise<Merge> {
    const now = this.deps.clock.now().toISOString();
    const row = await this.deps.database.db.transaction().execute(async (trx) => {
      // The version row lock first: a concurrent undo of the same merge waits here, then reads it undone.
      const version = await this.deps.repository.bumpVersion(trx);
      const merge = await this.deps.repository.findMerge(trx, mergeId);
      if (!merge) throw notFoundOrNoAccess(`merge ${mergeId}`);
      await this.assertVisible(ctx, trx, [merge.survivor_id, merge.merged_id], `merge ${mergeId}`);
      if (merge.status !== 'active') throw new AppError('conflict', `merge ${mergeId} was already undone`);
      await this.deps.repository.setMergedInto(trx, merge.merged_id, null, now);
      await this.deps.repository.undoMerge(trx, mergeId, { by: ctx.principal.id, at: now, version });
      const closedByMerge = await this.deps.repository.reviewIdsOfMerge(trx, mergeId);
      await this.deps.repository.reopenReviewsOfMerge(trx, mergeId, now);
      const groups = await membersOf(this.deps.repository, trx, [merge.survivor_id, merge.merged_id]);
      const mergedLinks = await this.deps.repository.linksOfPersons(trx, groups.get(merge.merged_id)!);
      const survivorLinks = await this.deps.repository.linksOfPersons(trx, groups.get(merge.survivor_id)!);
      await this.deps.linker.reassign(trx, {
        version,
        recordKeys: mergedLinks.map((l) => l.record_key),
        personId: merge.merged_id,
        merged: [merge.merged_id, null],
      });
      await this.refreshGolden(trx, merge.survivor_id, survivorLinks, now);
      await this.refreshGolden(trx, merge.merged_id, mergedLinks, now);
      await this.emptySidesLeftWithoutRecords(trx, { merge, groups, survivorLinks, mergedLinks, now });
      await this.supersedeStaleReviews(trx, closedByMerge, now);
      const events: NewFeedEvent[] = [
        {
          topic: 'hub.person.unmerged',
          entityType: 'Person',
          entityId: merge.merged_id,
          personId: merge.survivor_id,
          payload: { survivorId: merge.survivor_id, mergedId: merge.merged_id, mergeId, reason },
        },
        ...(await this.deps.cases.refresh(trx, [merge.survivor_id, merge.merged_id])),
        ...(await this.deps.cases.reopenResolvedByMerge(trx, mergeId)),
      ];
      await this.deps.feed.publish(trx, events);
      return { ...merge, status: 'undone' as const, undone_by: ctx.principal.id, undone_at: now };
    });
    this.deps.feed.notify();
    return toMerge(row);
  }

  /**
   * After an undo, a side whose records all moved away while merged (split off, corrected by their source)
   * holds nothing: it is emptied as a move empties a person, not handed back as a live person with no record
   * (a ghost a merge would accept). The merged side of a group emptied as a whole takes the group's when and
   * where; a survivor whose own records left while the merged ones kept the group has no single place its
   * records went (null).
   */
  private async emptySidesLeftWithoutRecords(
    executor: Executor,
    undone: {
      merge: MergeRow;
      groups: ReadonlyMap<string, string[]>;
      survivorLinks: readonly LinkRow[];
      mergedLinks: readonly LinkRow[];
      now: string;
    },
  ): Promise<void> {
    const { merge, groups, now } = undone;
    const [survivor] = await this.deps.repository.findPersons(executor, [merge.survivor_id]);
    const groupEmptied = survivor?.emptied_at
      ? { at: survivor.emptied_at, to: survivor.emptied_to ?? null }
      : null;
    const sides = [
      { id: merge.survivor_id, links: undone.survivorLinks, emptied: groupEmptied !== null },
      { id: merge.merged_id, links: undone.mergedLinks, emptied: false },
    ];
    for (const side of sides) {
      if (side.links.length > 0 || side.emptied) continue;
      await emptyPerson(this.deps.repository, executor, {
        members: groups.get(side.id) ?? [side.id],
        movedTo: groupEmptied?.to ?? null,
        now: groupEmptied?.at ?? now,
      });
    }
  }

  /**
   * Pairs an undo reopened whose side moved to another person meanwhile (split off, corrected) compare what no
   * longer is: open, they could be neither merged nor called distinct (`decideReview` refuses them), so they
   * are closed as a move closes them.
   */
  private async supersedeStaleReviews(
    executor: Executor,
    ids: readonly string[],
    now: string,
  ): Promise<void> {
    const rows: ReviewRow[] = [];
    for (const id of ids) {
      const row = await this.deps.repository.findReview(executor, id);
      if (row?.status === 'open') rows.push(row);
    }
    if (rows.length === 0) return;
    const keys = rows.flatMap((r) => [r.record_key, r.candidate_record_key]);
    const links = new Map(
      (await this.deps.repository.findLinks(executor, keys)).map((l) => [l.record_key, l]),
    );
    const persons = [
      ...rows.flatMap((r) => [r.person_id, r.candidate_person_id]),
      ...[...links.values()].map((l) => l.person_id),
    ];
    const survivorOf = await survivorsOf(this.deps.repository, executor, persons);
    const moved = (recordKey: string, pairPerson: string) => {
      const link = links.get(recordKey);
      return !link || sideOf(link, { pairPerson, survivorOf, changedFields: [] }).state === 'moved';
    };
    const stale = rows.filter(
      (r) => moved(r.record_key, r.person_id) || moved(r.candidate_record_key, r.candidate_person_id),
    );
    await this.deps.repository.supersedeReviews(
      executor,
      stale.map((r) => r.id),
      now,
    );
  }

  /**
   * Splits one wrongly linked record off its person into a new person, with the facts that came with it
   * (published as `hub.person.unmerged`: the records of `mergedId` no longer belong to `survivorId`).
   */
  async split(ctx: AccessContext, recordKey: string, reason: string): Promise<PersonDetail> {
    const now = this.deps.clock.now().toISOString();
    const personId = await this.deps.database.db.transaction().execute(async (trx) => {
      const [link] = await this.deps.repository.findLinks(trx, [recordKey]);
      if (!link) throw notFoundOrNoAccess(`record ${recordKey}`);
      const version = await this.deps.repository.bumpVersion(trx);
      const from = (await survivorsOf(this.deps.repository, trx, [link.person_id])).get(link.person_id)!;
      await this.assertVisible(ctx, trx, [from], `record ${recordKey}`);
      const fromMembers = (await membersOf(this.deps.repository, trx, [from])).get(from)!;
      const remaining = (await this.deps.repository.linksOfPersons(trx, fromMembers)).filter(
        (l) => l.record_key !== recordKey,
      );
      if (remaining.length === 0)
        throw new AppError('conflict', `record ${recordKey} is its person's only record`);
      const created = newId('per');
      const golden = goldenOf([goldenSourceOfLink(link)]);
      const [fromPerson] = await this.deps.repository.findPersons(trx, [from]);
      // Without an area of its own or its source's, the new person stays where it was filed: a person with
      // no area is outside every area-scoped user's view, the one who split it included.
      const area =
        golden.area_code ??
        (await this.deps.records.sourceArea(trx, link.source_id)) ??
        fromPerson?.area_code ??
        null;
      await this.deps.repository.insertPersons(trx, [
        { id: created, created_at: now, updated_at: now, merged_into: null, ...golden, area_code: area },
      ]);
      await this.deps.repository.moveLinks(trx, [recordKey], created, version);
      await this.deps.repository.insertSplit(trx, {
        id: newId('spl'),
        record_key: recordKey,
        from_person_id: from,
        to_person_id: created,
        reason,
        split_by: ctx.principal.id,
        split_at: now,
      });
      await this.deps.linker.reassign(trx, { version, recordKeys: [recordKey], personId: created });
      const events = await this.mover.follow(trx, {
        link: { ...link, person_id: created },
        from,
        to: created,
        reason,
        cause: 'split',
        now,
      });
      await this.deps.feed.publish(trx, events);
      return created;
    });
    this.deps.feed.notify();
    return this.getPerson(ctx, personId);
  }

  /**
   * The index as it stands (DESIGN.md `shuzhi linkage export`): one entry per person with the source record
   * identifier of every person record linked to them; merged persons count under their survivor.
   */
  async exportLinkage(): Promise<LinkageExport> {
    const db = this.deps.database.db;
    const mergedInto = await this.deps.repository.mergedPersons(db);
    const resolve = (id: string) => {
      let current = id;
      for (let i = 0; i < 20 && mergedInto.has(current); i++) current = mergedInto.get(current)!;
      return current;
    };
    const persons = new Map<string, LinkageExport['persons'][number]>();
    for await (const page of this.deps.repository.allLinks(db)) {
      for (const link of page) {
        const personId = resolve(link.person_id);
        let person = persons.get(personId);
        if (!person) persons.set(personId, (person = { person_id: personId, records: [] }));
        const sourceId = link.export_system.startsWith('urn:shuzhi:source:')
          ? link.export_system.slice('urn:shuzhi:source:'.length)
          : link.source_id;
        person.records.push({ source_id: sourceId, system: link.export_system, value: link.export_value });
      }
    }
    return { persons: [...persons.values()] };
  }

  /** Throws "not found or no access" unless every one of these persons exists within the caller's area. */
  private async assertVisible(
    ctx: AccessContext,
    executor: Executor,
    personIds: readonly string[],
    what: string,
  ): Promise<void> {
    const wanted = new Set(personIds);
    const persons = await this.deps.repository.findPersons(executor, [...wanted]);
    if (
      persons.length < wanted.size ||
      persons.some((p) => !isPersonWithinArea(p.area_code, ctx.principal.areaCode))
    )
      throw notFoundOrNoAccess(what);
  }

  private async refreshGolden(
    executor: Executor,
    personId: string,
    links: readonly LinkRow[],
    now: string,
  ): Promise<void> {
    await refreshGolden(this.deps.repository, executor, { personId, links, now });
  }

  /**
   * Supersedes the open reviews the merge answered: pairs whose two persons are now in the survivor's group,
   * whether they were the two persons merged or earlier members of either (a chain of merges), and pairs
   * that can no longer be merged because the group now holds another valid resident ID than the other side.
   */
  private async closeReviewsBetween(
    executor: Executor,
    context: {
      survivor: string;
      merged: string;
      mergeId: string;
      reviewId: string | undefined;
      by: string;
      now: string;
    },
  ): Promise<void> {
    const group = new Set(
      (await membersOf(this.deps.repository, executor, [context.survivor])).get(context.survivor) ?? [],
    );
    const open = await this.deps.repository.openReviewsOf(executor, [...group]);
    const groupLinks = await this.deps.repository.linksOfPersons(executor, [...group]);
    for (const review of open) {
      if (review.id === context.reviewId) continue;
      const between = group.has(review.person_id) && group.has(review.candidate_person_id);
      if (!between && !(await this.cannotJoin(executor, groupLinks, review, group))) continue;
      await this.deps.repository.decideReview(executor, review.id, {
        status: 'superseded',
        by: context.by,
        at: context.now,
        mergeId: context.mergeId,
      });
    }
  }

  /** Whether the other side of a review holds another valid resident ID than the group (a merge would be refused). */
  private async cannotJoin(
    executor: Executor,
    groupLinks: readonly LinkRow[],
    review: ReviewRow,
    group: ReadonlySet<string>,
  ): Promise<boolean> {
    const other = group.has(review.person_id) ? review.candidate_person_id : review.person_id;
    const survivor = (await survivorsOf(this.deps.repository, executor, [other])).get(other) ?? other;
    const members = (await membersOf(this.deps.repository, executor, [survivor])).get(survivor) ?? [survivor];
    const otherLinks = await this.deps.repository.linksOfPersons(executor, members);
    return residentIdConflict(groupLinks, otherLinks) !== null;
  }
}

function movedSince(reviewId: string, side: 'record' | 'candidate', recordKey: string): AppError {
  const reason = 'moved to another person since the pair was made (split off or corrected by its source)';
  return new AppError('conflict', `review ${reviewId}: ${side} ${recordKey} ${reason}; the pair is stale`, {
    issues: [{ record: `review ${reviewId}`, field: side, reason }],
  });
}

function alreadyDecided(reviewId: string, status: string): AppError {
  return new AppError('conflict', `review ${reviewId} was already decided (${status})`, {
    issues: [{ record: `review ${reviewId}`, field: 'status', reason: `already decided (${status})` }],
  });
}

/**
 * An identifier as typed and as the hub stores it: a resident ID without spaces and with an upper-case X, a
 * passport as `COUNTRY:NUMBER` (`CN E1234 5678` → `CHN:E12345678`), as ingest normalised them.
 */
export function identifierSpellings(typed: string): string[] {
  const raw = typed.trim();
  const spellings = new Set([raw]);
  const residentId = validResidentId(raw);
  if (residentId) spellings.add(residentId);
  const passport = passportValue(raw);
  if (passport) spellings.add(passport);
  return [...spellings];
}

/** A valid resident ID on both sides that differs, or null. */
function residentIdConflict(a: readonly LinkRow[], b: readonly LinkRow[]): string | null {
  const valid = (links: readonly LinkRow[]) =>
    new Set(
      links.flatMap((l) => (l.resident_id && checkResidentId(l.resident_id).valid ? [l.resident_id] : [])),
    );
  const left = valid(a);
  const right = valid(b);
  if (left.size === 0 || right.size === 0) return null;
  for (const id of right) if (!left.has(id)) return 'resident ID';
  return null;
}

function toSummary(person: PersonRow, disclosed: ReadonlySet<SensitiveField>): PersonSummary {
  return {
    id: person.id,
    name: disclose(disclosed, 'name', person.name),
    sex: person.sex,
    birthDate: disclose(disclosed, 'birth_date', person.birth_date),
    areaCode: person.area_code,
    updatedAt: person.updated_at,
  };
}

function maskIdentifierValue(disclosed: ReadonlySet<SensitiveField>, system: string, value: string): string {
  return system === 'urn:shuzhi:id:cn-resident' ||
    system === 'urn:shuzhi:id:passport' ||
    system === 'urn:shuzhi:id:import'
    ? disclose(disclosed, 'identifiers', value)
    : value;
}

function toLinkedRecord(
  link: LinkRow,
  disclosed: ReadonlySet<SensitiveField>,
  sourceNames: ReadonlyMap<string, string>,
): LinkedRecord {
  const documents = [link.resident_id, link.passport].filter((d): d is string => Boolean(d));
  return {
    recordKey: link.record_key,
    sourceId: link.source_id,
    sourceName: sourceNames.get(link.source_id) ?? null,
    recordId: link.record_id,
    personId: link.person_id,
    method: link.method,
    score: link.score,
    linkedAt: link.linked_at,
    name: disclose(disclosed, 'name', link.name),
    sex: link.sex,
    birthDate: disclose(disclosed, 'birth_date', link.birth_date),
    phone: disclose(disclosed, 'phone', link.phone),
    areaCode: link.area_code,
    address: disclose(disclosed, 'address', link.address),
    document:
      documents.length === 0 ? null : documents.map((d) => disclose(disclosed, 'identifiers', d)).join(' '),
    identifier: { system: link.export_system, value: link.export_value },
  };
}

/** Which sensitive field each explanation field shows. */
const explanationFieldOf: Record<string, SensitiveField | null> = {
  name: 'name',
  birthDate: 'birth_date',
  sex: null,
  phone: 'phone',
  area: 'address',
  document: 'identifiers',
};

export function maskExplanation(
  explanation: PairExplanation,
  disclosed: ReadonlySet<SensitiveField>,
): PairExplanation {
  const mask = (field: FieldExplanation['field'], value: string | null): string | null => {
    const sensitive = explanationFieldOf[field];
    if (value === null || !sensitive) return value;
    return field === 'document'
      ? value
          .split(' ')
          .map((v) => disclose(disclosed, sensitive, v))
          .join(' ')
      : disclose(disclosed, sensitive, value);
  };
  return {
    ...explanation,
    fields: explanation.fields.map((f) => ({
      ...f,
      left: mask(f.field, f.left),
      right: mask(f.field, f.right),
    })),
  };
}

function toReview(
  row: ReviewRow,
  now: {
    record: LinkRow;
    candidate: LinkRow;
    sides: Review['sides'];
    sourceNames: ReadonlyMap<string, string>;
  },
  disclosed: ReadonlySet<SensitiveField>,
): Review {
  const explanation = maskExplanation(row.explanation, disclosed);
  return {
    id: row.id,
    status: row.status,
    score: row.score,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name ?? null,
    decidedAt: row.decided_at,
    mergeId: row.merge_id,
    record: toLinkedRecord(now.record, disclosed, now.sourceNames),
    candidate: toLinkedRecord(now.candidate, disclosed, now.sourceNames),
    sides: now.sides,
    explanation: {
      ...explanation,
      // JSON has no infinity: a resident-ID conflict scores as far from a match as it gets.
      score: Number.isFinite(explanation.score) ? explanation.score : -999,
      reasons: explanation.reasons ?? [],
    },
  };
}

function toSplit(row: SplitRow): Split {
  return {
    id: row.id,
    recordKey: row.record_key,
    fromPersonId: row.from_person_id,
    toPersonId: row.to_person_id,
    reason: row.reason,
    splitBy: row.split_by,
    splitAt: row.split_at,
  };
}

function toMerge(row: MergeRow): Merge {
  return {
    id: row.id,
    survivorId: row.survivor_id,
    mergedId: row.merged_id,
    reason: row.reason,
    reviewId: row.review_id,
    mergedBy: row.merged_by,
    mergedAt: row.merged_at,
    status: row.status,
    undoneBy: row.undone_by,
    undoneAt: row.undone_at,
  };
}
