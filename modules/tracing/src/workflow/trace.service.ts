/**
 * Tracing one person: find who they are (an id as imported or a platform person id), their infectious
 * window (given, or from their case record), and their close and secondary contacts in the live index —
 * exactly DESIGN.md's definition, with each close contact's quarantine ending their secondary window.
 */
import { invalidField, refusalIssue, type Clock, type ListParams, type Page } from '@shuzhi/core';
import type { PersonsService } from '@shuzhi/hub';
import { refused, type AccessContext } from '@shuzhi/identity';
import {
  findContacts,
  formatContacts,
  summarizeContacts,
  type ContactRules,
  type ContactSet,
  type PresenceIndex,
  type TimeWindow,
  type TraceReport,
} from '../core/index.js';
import type { LivePresenceIndex } from '../presence/live-presence-index.js';
import type { PersonRefsRepository } from '../presence/person-refs.repository.js';
import { caseWindow, type CaseTimes } from './case-window.js';

/** A case as the hub records it (`platform.hub.data.facts`), as far as tracing needs it. */
export interface HubCase extends CaseTimes {
  personId: string;
  classification: string;
  status: string;
  reportTime: string;
  areaCode: string | null;
}

/** How tracing reads cases and isolation from elsewhere (the platform wires these). */
export interface TraceSources {
  /** Active cases of a platform person, latest first. */
  casesOfPerson(ctx: AccessContext, personId: string): Promise<HubCase[]>;
  /** Active cases within the caller's area, paged. */
  listCases?(ctx: AccessContext, params: ListParams): Promise<Page<HubCase>>;
  /** When a platform person was quarantined or isolated (epoch ms), if known: ends their own window. */
  isolationOf(personId: string): Promise<number | undefined>;
  /** When persons, by index name, were quarantined (epoch ms): ends each close contact's secondary window. */
  quarantinedByName(names: readonly string[]): Promise<Map<string, number>>;
}

/** Who a trace is about. */
export interface TraceSubject {
  /** As the caller gave it. */
  given: string;
  personId: string | null;
  /** The name the person goes by in the presence index; null when they have no presence. */
  indexName: string | null;
}

export interface TraceRequest {
  /** An id as imported or a platform person id. */
  subject: string;
  /** Both or neither: the infectious window; without them it comes from the person's case record. */
  from?: number | undefined;
  to?: number | undefined;
  minOverlapMinutes?: number | undefined;
  maxDegree?: 1 | 2 | undefined;
  recordExposures?: boolean | undefined;
  /** The case record the window comes from, when the caller already has it (else it is looked up). */
  kase?: HubCase | undefined;
}

export interface TraceRun {
  subject: TraceSubject;
  /** The case record the window came from (null when the window was given). */
  kase: HubCase | null;
  window: TimeWindow;
  rules: ContactRules;
  index: PresenceIndex;
  set: ContactSet;
}

export interface TraceServiceDeps {
  live: LivePresenceIndex;
  refs: PersonRefsRepository;
  persons: Pick<PersonsService, 'resolveRefs'>;
  sources: TraceSources;
  rules: ContactRules;
  clock: Clock;
}

export class TraceService {
  constructor(private readonly deps: TraceServiceDeps) {}

  get rules(): ContactRules {
    return this.deps.rules;
  }

  /** Who an id names: an imported id, a platform person, or an id the hub knows. Not found: an error. */
  async subjectOf(given: string): Promise<TraceSubject> {
    const [own] = await this.deps.refs.findRefs([given]);
    let personId = own?.person_id ?? null;
    if (personId === null && !own)
      personId = (await this.deps.persons.resolveRefs([given], { createMissing: false })).get(given) ?? null;
    if (personId === null && !own)
      throw refused('not_found', refusalIssue('trace-person-unknown', { person: given }));
    if (personId === null) return { given, personId, indexName: own!.ref };
    const [first] = await this.deps.refs.refsOfPersons([personId]);
    return { given, personId, indexName: first?.ref ?? null };
  }

  /** Index names of platform persons (their first id as imported), for those with presence. */
  async indexNamesOf(personIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const row of await this.deps.refs.refsOfPersons(personIds))
      if (row.person_id !== null && !names.has(row.person_id)) names.set(row.person_id, row.ref);
    return names;
  }

  async trace(ctx: AccessContext, request: TraceRequest): Promise<TraceRun> {
    const subject = await this.subjectOf(request.subject);
    const now = this.deps.clock.now().getTime();
    const rules =
      request.minOverlapMinutes === undefined
        ? this.deps.rules
        : { ...this.deps.rules, minOverlapMinutes: request.minOverlapMinutes };
    let kase: HubCase | null = null;
    let window: TimeWindow;
    if (request.from !== undefined || request.to !== undefined) {
      if (request.from === undefined || request.to === undefined)
        throw invalidField(
          'trace',
          request.from === undefined ? 'from' : 'to',
          'give both --from and --to, or neither',
        );
      if (request.to <= request.from) throw invalidField('trace', 'to', 'must be after from');
      window = { from: request.from, to: request.to };
    } else {
      kase =
        request.kase ??
        (subject.personId === null
          ? null
          : ((await this.deps.sources.casesOfPerson(ctx, subject.personId))[0] ?? null));
      if (!kase) {
        const at = { record: subject.given, field: 'case' };
        throw refused('not_found', refusalIssue('trace-no-case', { person: subject.given }, at));
      }
      window = await this.#windowOf(kase, subject.personId!, rules, now);
    }
    const index = await this.deps.live.index();
    // Nobody in the index (no presence): a name no imported id can have finds no one.
    const query = { caseId: subject.indexName ?? `\u0000${subject.given}`, window, rules, now };
    let quarantineAt = new Map<string, number>();
    if ((request.maxDegree ?? 2) === 2) {
      // Close contacts first (cheap), to learn which of them were quarantined and when.
      const close = findContacts(index, { ...query, maxDegree: 1, recordExposures: false });
      quarantineAt = await this.deps.sources.quarantinedByName(
        Array.from(close.contactPerson, (p) => index.persons.name(p)),
      );
    }
    const set = findContacts(index, {
      ...query,
      quarantineAt,
      maxDegree: request.maxDegree,
      recordExposures: request.recordExposures,
    });
    return { subject, kase, window, rules, index, set };
  }

  /**
   * The run as `shuzhi trace --json` prints it (DESIGN.md), piece by piece so that a huge set streams:
   * `{"case", "window": {"from", "to"}, "contacts": [...]}` with the case id as the caller gave it.
   */
  *json(run: TraceRun): Generator<string> {
    const window = {
      from: new Date(run.window.from).toISOString(),
      to: new Date(run.window.to).toISOString(),
    };
    yield `{"case":${JSON.stringify(run.subject.given)},"window":${JSON.stringify(window)},"contacts":[`;
    let first = true;
    for (const contact of formatContacts(run.index, run.set)) {
      yield (first ? '' : ',') + JSON.stringify(contact);
      first = false;
    }
    yield ']}';
  }

  /** The run's report of set sizes and the places that made them (needs exposures). */
  report(run: TraceRun, topPlaces = 10): TraceReport {
    return summarizeContacts(formatContacts(run.index, run.set), {
      topPlaces,
      categoryOf: (kind, placeId) => {
        if (kind === 'venue') {
          const venue = run.index.venuePlaces.venues.find(placeId);
          return venue === undefined ? null : run.index.placeCategory('venue', venue);
        }
        if (kind === 'trip') {
          const trip = run.index.tripPlaces.trips.find(placeId);
          return trip === undefined ? null : run.index.placeCategory('trip', trip);
        }
        return null;
      },
    });
  }

  async #windowOf(kase: HubCase, personId: string, rules: ContactRules, now: number): Promise<TimeWindow> {
    const isolation = await this.deps.sources.isolationOf(personId);
    const start = caseWindow(kase, { now: Number.MAX_SAFE_INTEGER, rules }).from;
    // Isolated (as someone's contact) before the window opened: no time to infect anyone outside.
    if (isolation !== undefined && isolation <= start) return { from: start, to: start };
    return caseWindow(kase, { isolation, now, rules });
  }
}
