/**
 * The FHIR R4 REST interactions (FHIR R4 http.html): create, update (and update-as-create), read, vread,
 * history, search, transaction and batch Bundles, and the CapabilityStatement — on the record store, so a
 * resource is stored, versioned, linked and published exactly as any other record. Every answer is a
 * resource or an OperationOutcome naming the entry, element and reason.
 */
import { roleHas, type Clock, type SensitiveField } from '@shuzhi/core';
import type { AccessContext } from '@shuzhi/identity';
import {
  batchResponse,
  buildCapabilityStatement,
  failedEntry,
  isSupportedResourceType,
  operationOutcome,
  parseSearchQuery,
  planBundle,
  coded,
  diagnosticsOf,
  errorIssue,
  reasonTexts,
  resolveReferences,
  transactionResponse,
  validateResource,
  type EntryOutcome,
  type FhirIssue,
  type IssueType,
  type Json,
  type PlannedEntry,
  type SearchQuery,
} from '../core/index.js';
import type { IncomingRecord, IngestOutcome } from '../records/incoming.js';
import { literalReferencesOf, localIdOf, withPlatformReferences } from '../records/local-ids.js';
import { isStoredRecord, naturalKeyOf, storedTypeOf, type StoredRecord } from '../records/record-kinds.js';
import { isPersonWithinArea } from '../mpi/person-area.js';
import { newRecordId } from '../records/record-ids.js';
import type { StoredRecordRow, VersionRow } from '../records/records.repository.js';
import { OPERATOR_SOURCE, type RecordsService } from '../records/records.service.js';
import type { FhirSearchRepository } from './fhir-search.repository.js';
import { fhirResourceOf } from './records-to-fhir.js';
import { identifierSearchRefusal, maskResource } from './resource-masking.js';

/** How a create or update is asked for: the version it replaces, and what the answer should hold. */
export interface WriteOptions {
  /** `If-Match: W/"3"`: replace only that version. */
  ifMatch?: string;
  /**
   * `Prefer: return=OperationOutcome` (R4 http.html#ops): answer with the outcome, warnings included, instead
   * of the resource — how a source learns that, say, a resident ID was kept but fails its check digit.
   */
  returnOutcome?: boolean;
  /** `If-None-Exist: identifier=…` of a create: create only when none of the source's own records match. */
  ifNoneExist?: string;
}

/** An HTTP answer of the FHIR API: status, body, and the headers a client relies on. */
export interface FhirAnswer {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

export class FhirService {
  private readonly bundlesOfSource = new KeyedQueue();

  constructor(
    private readonly records: RecordsService,
    private readonly search: FhirSearchRepository,
    private readonly clock: Clock,
  ) {}

  capabilityStatement(baseUrl: string, softwareVersion: string): Json {
    return buildCapabilityStatement({
      baseUrl,
      softwareVersion,
      date: this.clock.now().toISOString().slice(0, 10),
    });
  }

  async create(
    ctx: AccessContext,
    type: string,
    body: unknown,
    options: WriteOptions = {},
  ): Promise<FhirAnswer> {
    // R4 http.html#create: a create's body id is ignored. The record gets an id of the platform's making (also
    // its source's name for it); a client that re-sends uses PUT, If-None-Exist or its own identifier.
    const checked = this.checkResource(ctx, type, withoutId(body));
    // An unknown resource type is a wrong address (404), not a refused record.
    if ('status' in checked) return checked.status === 404 ? checked : this.refused(ctx, 'fhir', 1, checked);
    if (options.ifNoneExist !== undefined) {
      const existing = await this.conditionalCreateMatch(ctx, type, options.ifNoneExist);
      if (existing !== null) return existing;
    }
    const item: IncomingRecord = { position: 0, record: checked.record, resource: checked.resource };
    const [outcome] = await this.records.store([item], {
      sourceId: sourceOf(ctx),
      channel: 'fhir',
      atomic: true,
    });
    return this.answerWrite(ctx, { type, outcome: outcome!, warnings: checked.warnings, options });
  }

  /**
   * `If-None-Exist` of a REST create (R4 http.html#ccreate), as a Bundle entry's `request.ifNoneExist`: the
   * answer when the caller's own records match (200 with the one found, 412 when several do), or null to
   * create. The CapabilityStatement says conditionalCreate, so a client relies on it not to make duplicates.
   */
  private async conditionalCreateMatch(
    ctx: AccessContext,
    type: string,
    ifNoneExist: string,
  ): Promise<FhirAnswer | null> {
    const parsed = parseSearchQuery(type, ifNoneExist.replace(/^\?/, ''));
    if (!parsed.ok)
      return invalid(parsed.issues.map((i) => ({ ...i, expression: `If-None-Exist (${i.expression})` })));
    const found = await this.ownMatches(ctx, parsed.query);
    if (found.total > 1)
      return {
        status: 412,
        body: operationOutcome([
          errorIssue(
            'multiple-matches',
            'If-None-Exist',
            coded('if-none-exist-ambiguous', { count: found.total }),
          ),
        ]) as unknown as Json,
      };
    const row = found.rows[0];
    if (!row) return null;
    return {
      status: 200,
      body: await this.present(ctx, row, row, { asWriter: true }),
      headers: {
        ...versionHeaders(row.version, row.received_at),
        location: `${type}/${localIdOf(row)}/_history/${row.version}`,
      },
    };
  }

  async update(
    ctx: AccessContext,
    write: { type: string; id: string; body: unknown },
    options: WriteOptions = {},
  ): Promise<FhirAnswer> {
    const { type, id, body } = write;
    const { ifMatch } = options;
    if (typeof body === 'object' && body !== null && (body as Json).id !== id)
      return invalid([errorIssue('invalid', `${type}.id`, coded('id-in-url', { id }))]);
    const checked = this.checkResource(ctx, type, body);
    // An unknown resource type is a wrong address (404), not a refused record.
    if ('status' in checked) return checked.status === 404 ? checked : this.refused(ctx, 'fhir', 1, checked);
    const version = ifMatch === undefined ? undefined : /^W\/"([^"]+)"$/.exec(ifMatch)?.[1];
    if (ifMatch !== undefined && version === undefined)
      return invalid([errorIssue('invalid', 'If-Match', coded('if-match-weak-etag'))]);
    const item: IncomingRecord = {
      position: 0,
      record: checked.record,
      resource: checked.resource,
      id,
      idIsBinding: true,
      ...(version !== undefined ? { ifMatchVersion: version } : {}),
    };
    const [outcome] = await this.records.store([item], {
      sourceId: sourceOf(ctx),
      channel: 'fhir',
      atomic: true,
    });
    return this.answerWrite(ctx, { type, outcome: outcome!, warnings: checked.warnings, options });
  }

  async read(ctx: AccessContext, type: string, id: string): Promise<FhirAnswer> {
    const row = await this.readAddressed(ctx, type, id);
    if (!row || !visible(ctx, row)) return notFound(`${type}/${id}`);
    return {
      status: 200,
      body: await this.present(ctx, row, row),
      headers: versionHeaders(row.version, row.received_at),
    };
  }

  async vread(ctx: AccessContext, type: string, id: string, version: number): Promise<FhirAnswer> {
    const current = await this.readAddressed(ctx, type, id);
    if (!current || !visible(ctx, current)) return notFound(`${type}/${id}`);
    const row = await this.records.readVersion(type, current.id, version);
    if (!row) return notFound(`${type}/${id}/_history/${version}`);
    return {
      status: 200,
      body: await this.present(ctx, current, row),
      headers: versionHeaders(row.version, row.received_at),
    };
  }

  async history(ctx: AccessContext, type: string, id: string, baseUrl: string): Promise<FhirAnswer> {
    const current = await this.readAddressed(ctx, type, id);
    if (!current || !visible(ctx, current)) return notFound(`${type}/${id}`);
    const versions = await this.records.history(type, current.id);
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'history',
        total: versions.length,
        entry: await mapInOrder(versions, async (v) => ({
          fullUrl: `${baseUrl}/${type}/${id}`,
          resource: await this.present(ctx, current, v),
          request: { method: Number(v.version) === 1 ? 'POST' : 'PUT', url: `${type}/${id}` },
          response: {
            status: Number(v.version) === 1 ? '201 Created' : '200 OK',
            etag: `W/"${v.version}"`,
            lastModified: v.received_at,
          },
        })),
      },
    };
  }

  async searchType(
    ctx: AccessContext,
    type: string,
    query: URLSearchParams,
    baseUrl: string,
  ): Promise<FhirAnswer> {
    const params = new URLSearchParams(query);
    const offsetText = params.get('_offset') ?? '0';
    params.delete('_offset');
    const offset = Number(offsetText);
    // A number beyond the safe integers reaches the database as a float it cannot take as an OFFSET.
    if (!/^\d+$/.test(offsetText) || !Number.isSafeInteger(offset))
      return invalid([
        errorIssue('value', '_offset', coded('search-offset', { max: Number.MAX_SAFE_INTEGER })),
      ]);
    const parsed = parseSearchQuery(type, params);
    if (!parsed.ok) return { status: 400, body: operationOutcome(parsed.issues) as unknown as Json };
    const refusal = identifierSearchRefusal(
      parsed.query,
      ctx.disclosed as ReadonlySet<SensitiveField>,
      ctx.principal.sourceId ?? null,
    );
    if (refusal) return { status: 403, body: operationOutcome([refusal]) as unknown as Json };
    const page = await this.search.search(await this.inCallersNamespace(ctx, parsed.query), {
      offset,
      areaScope: ctx.principal.areaCode,
    });
    const platformIds = await this.platformReferencesOf(ctx, page.rows);
    const self = new URLSearchParams(params);
    self.set('_count', String(parsed.query.count));
    const link = [{ relation: 'self', url: `${baseUrl}/${type}?${withOffset(self, offset)}` }];
    if (parsed.query.count > 0 && offset + page.rows.length < page.total)
      link.push({
        relation: 'next',
        url: `${baseUrl}/${type}?${withOffset(self, offset + parsed.query.count)}`,
      });
    if (offset > 0)
      link.push({
        relation: 'previous',
        url: `${baseUrl}/${type}?${withOffset(self, Math.max(0, offset - parsed.query.count))}`,
      });
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'searchset',
        total: page.total,
        link,
        entry: await mapInOrder(page.rows, async (row) => ({
          fullUrl: `${baseUrl}/${type}/${this.idShown(ctx, row)}`,
          resource: await this.present(ctx, row, row, { platformIds }),
          search: { mode: 'match' },
        })),
      },
    };
  }

  /**
   * A transaction (all entries or none) or a batch (each entry on its own) Bundle. One source's Bundles are
   * taken one at a time: a client that retries sends the same Bundle again while the first is still being
   * stored, and the copy must see the first's records (to answer "unchanged") rather than plan new ones.
   */
  bundle(ctx: AccessContext, body: unknown): Promise<FhirAnswer> {
    return this.bundlesOfSource.run(sourceOf(ctx), () => this.bundleNow(ctx, body));
  }

  private async bundleNow(ctx: AccessContext, body: unknown): Promise<FhirAnswer> {
    const sourceId = sourceOf(ctx);
    const planning = planBundle(body, { sourceId, newId: () => newRecordId('res') });
    if (!planning.ok)
      return this.refused(ctx, 'bundle', entryCountOf(body), {
        status: 400,
        body: operationOutcome(planning.issues) as unknown as Json,
      });
    const { plan } = planning;
    await this.bindResentRecords(plan.entries, plan.placeholders, sourceId);
    const outcomes = new Map<number, EntryOutcome>();
    for (const rejected of plan.rejected) outcomes.set(rejected.index, failedEntry(rejected.issues));
    if (!mayReadInBundle(ctx))
      for (const entry of plan.entries.filter((e) => e.method === 'GET'))
        outcomes.set(
          entry.index,
          failedEntry(
            [
              errorIssue(
                'forbidden',
                `Bundle.entry[${entry.index}].request.method`,
                coded('bundle-read-by-source'),
              ),
            ],
            403,
          ),
        );
    const writes: { entry: PlannedEntry; item: IncomingRecord }[] = [];
    for (const entry of plan.entries) {
      if (entry.method === 'DELETE') {
        outcomes.set(
          entry.index,
          failedEntry(
            [
              errorIssue(
                'not-supported',
                `Bundle.entry[${entry.index}].request.method`,
                coded('bundle-delete'),
              ),
            ],
            405,
          ),
        );
        continue;
      }
      if (entry.method === 'GET') continue;
      if (entry.ifNoneExist) {
        const found = await this.ownMatches(ctx, entry.ifNoneExist);
        if (found.total > 1) {
          outcomes.set(
            entry.index,
            failedEntry(
              [
                errorIssue(
                  'multiple-matches',
                  `Bundle.entry[${entry.index}].request.ifNoneExist`,
                  coded('if-none-exist-ambiguous', { count: found.total }),
                ),
              ],
              412,
            ),
          );
          continue;
        }
        const existing = found.rows[0];
        if (existing) {
          const ownId = localIdOf(existing);
          if (entry.fullUrl) plan.placeholders.set(entry.fullUrl, `${entry.resourceType}/${ownId}`);
          outcomes.set(entry.index, {
            status: 200,
            location: `${entry.resourceType}/${ownId}/_history/${existing.version}`,
            version: String(existing.version),
            lastModified: existing.received_at,
          });
          continue;
        }
      }
      const record = resolveReferences(entry.record, plan.placeholders);
      if (!record || !isStoredRecord(record)) continue;
      writes.push({
        entry,
        item: {
          position: entry.index,
          record,
          resource: resolveReferences(entry.resource, plan.placeholders)!,
          ...(entry.id !== undefined ? { id: entry.id, idIsBinding: entry.method === 'PUT' } : {}),
          ...(entry.ifMatchVersion !== undefined ? { ifMatchVersion: entry.ifMatchVersion } : {}),
        },
      });
    }
    const warningsAt = new Map(writes.map((w) => [w.entry.index, w.entry.issues]));
    if (plan.type === 'transaction') {
      const failed = [...outcomes.values()].filter((o) => o.status >= 400);
      if (failed.length > 0)
        return this.refused(ctx, 'bundle', plan.entries.length + plan.rejected.length, {
          status: failed[0]!.status,
          body: failed[0]!.outcome as unknown as Json,
        });
      const stored = await this.records.store(
        writes.map((w) => w.item),
        { sourceId, channel: 'bundle', atomic: true },
      );
      const rejected = stored.filter(
        (o): o is Extract<IngestOutcome, { status: 'rejected' }> => o.status === 'rejected',
      );
      if (rejected.length > 0) {
        // The Bundle's status is that of a record refused for itself (422 unknown subject, 409, 412), not
        // the 400 of the records left unprocessed because of it.
        const first = rejected.find((o) => o.httpStatus !== 400) ?? rejected[0]!;
        return {
          status: first.httpStatus,
          body: operationOutcome(refusalsFirst(rejected).flatMap((o) => entryIssues(o))) as unknown as Json,
        };
      }
      for (const outcome of stored)
        outcomes.set(outcome.position, withWarnings(entryOutcome(outcome), warningsAt.get(outcome.position)));
    } else {
      if (plan.rejected.length > 0) await this.refused(ctx, 'bundle', plan.rejected.length, null);
      for (const write of writes) {
        const [outcome] = await this.records.store([write.item], {
          sourceId,
          channel: 'bundle',
          atomic: true,
        });
        outcomes.set(write.entry.index, withWarnings(entryOutcome(outcome!), write.entry.issues));
      }
    }
    for (const entry of plan.entries.filter((e) => e.method === 'GET' && !outcomes.has(e.index)))
      outcomes.set(entry.index, await this.bundleRead(ctx, entry));
    const ordered = [...outcomes.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
    return {
      status: 200,
      body: plan.type === 'transaction' ? transactionResponse(ordered) : batchResponse(ordered),
    };
  }

  /**
   * A POST entry that sends a record this source has stored already (the same `urn:shuzhi:source:` id) is
   * that record, not a new one: it keeps its id, and references to the entry's fullUrl point at it. So a
   * Bundle sent twice changes nothing, and a corrected one makes new versions of the same resources.
   */
  private async bindResentRecords(
    entries: PlannedEntry[],
    placeholders: Map<string, string>,
    sourceId: string,
  ): Promise<void> {
    const byType = new Map<string, { entry: PlannedEntry; key: string }[]>();
    for (const entry of entries) {
      if (entry.method !== 'POST' || entry.ifNoneExist || !entry.record || !isStoredRecord(entry.record))
        continue;
      const key = naturalKeyOf(entry.record);
      if (key === undefined) continue;
      const type = storedTypeOf[entry.record.kind];
      byType.set(type, [...(byType.get(type) ?? []), { entry, key }]);
    }
    for (const [type, list] of byType) {
      const ids = await this.search.idsBySourceRecordIds(
        sourceId,
        type,
        list.map((l) => l.key),
      );
      for (const { entry, key } of list) {
        const id = ids.get(key);
        if (id === undefined) continue;
        entry.id = id;
        if (entry.fullUrl && placeholders.has(entry.fullUrl))
          placeholders.set(entry.fullUrl, `${type}/${id}`);
      }
    }
  }

  private async bundleRead(ctx: AccessContext, entry: PlannedEntry): Promise<EntryOutcome> {
    if (entry.id !== undefined) {
      const answer = await this.read(ctx, entry.resourceType, entry.id);
      return answer.status === 200
        ? { status: 200, resource: answer.body }
        : { status: answer.status, outcome: answer.body as never };
    }
    const page = await this.search.search(entry.search as SearchQuery, {
      offset: 0,
      areaScope: ctx.principal.areaCode,
    });
    const platformIds = await this.platformReferencesOf(ctx, page.rows);
    return {
      status: 200,
      resource: {
        resourceType: 'Bundle',
        type: 'searchset',
        total: page.total,
        entry: await mapInOrder(page.rows, async (row) => ({
          resource: await this.present(ctx, row, row, { platformIds }),
        })),
      },
    };
  }

  /**
   * Counts records refused before they reached the store (invalid resources, a Bundle that cannot be
   * planned) in the source's intake log, as the store counts its own refusals: the data-sources page's
   * rejection rate would otherwise miss the most common refusals of all.
   */
  private async refused<T>(
    ctx: AccessContext,
    channel: 'fhir' | 'bundle',
    records: number,
    answer: T,
  ): Promise<T> {
    await this.records.logIntake(sourceOf(ctx), channel, { accepted: 0, unchanged: 0, rejected: records });
    return answer;
  }

  private checkResource(
    ctx: AccessContext,
    type: string,
    body: unknown,
  ): { record: StoredRecord; resource: Json; warnings: FhirIssue[] } | FhirAnswer {
    if (!isSupportedResourceType(type)) return notFound(type);
    // A body that reached here as text was sent as text/plain (a form, a misconfigured client), not JSON.
    if (typeof body === 'string')
      return {
        status: 415,
        body: operationOutcome([
          errorIssue('not-supported', type, coded('body-not-json', { type })),
        ]) as unknown as Json,
      };
    if (typeof body !== 'object' || body === null || (body as Json).resourceType !== type)
      return invalid([errorIssue('invalid', `${type}.resourceType`, coded('body-resource-type', { type }))]);
    const validation = validateResource(body, { sourceId: sourceOf(ctx) });
    if (!validation.ok) return { status: 400, body: operationOutcome(validation.issues) as unknown as Json };
    if (!isStoredRecord(validation.record))
      return invalid([errorIssue('not-supported', type, coded('resource-not-stored', { type }))]);
    return { record: validation.record, resource: body as Json, warnings: validation.issues };
  }

  private async answerWrite(
    ctx: AccessContext,
    write: { type: string; outcome: IngestOutcome; warnings: FhirIssue[]; options: WriteOptions },
  ): Promise<FhirAnswer> {
    const { type, outcome, warnings } = write;
    if (outcome.status === 'rejected')
      return {
        status: outcome.httpStatus,
        body: operationOutcome(entryIssues(outcome, type)) as unknown as Json,
      };
    const row = await this.records.read(outcome.resourceType, outcome.storedId);
    const headers: Record<string, string> = {
      ...versionHeaders(outcome.version, outcome.lastModified),
      location: `${outcome.resourceType}/${outcome.id}/_history/${outcome.version}`,
    };
    if (warnings.length > 0) headers['x-fhir-warnings'] = String(warnings.length);
    const status = outcome.status === 'created' ? 201 : 200;
    if (write.options.returnOutcome) {
      const done = coded('write-done', {
        resource: `${outcome.resourceType}/${outcome.id}`,
        status: outcome.status,
        version: outcome.version,
      });
      return {
        status,
        body: operationOutcome([
          { severity: 'information', code: 'informational', expression: type, ...diagnosticsOf(done) },
          ...warnings,
        ]) as unknown as Json,
        headers,
      };
    }
    // The writer is shown its record under its own id, whoever else holds the same one.
    return { status, body: row ? await this.present(ctx, row, row, { asWriter: true }) : {}, headers };
  }

  /**
   * The record a reader addresses by id. A data source's ids are its own (the ids it sent): its own record
   * under that id comes first; other readers (and a source reading another's record, under an agreement)
   * address records by their platform-wide id.
   */
  private async readAddressed(
    ctx: AccessContext,
    type: string,
    id: string,
  ): Promise<StoredRecordRow | undefined> {
    const sourceId = ctx.principal.sourceId;
    const own = sourceId ? await this.records.readOwn(sourceId, type, id) : undefined;
    return own ?? this.records.read(type, id);
  }

  /**
   * The caller's own records a conditional create's search finds, its ids read in its own namespace (its
   * `Patient/p-0001` is its record, whatever platform id that has). Only its own: another source's would tell
   * it what the hub holds about a person. Two at most: one decides, two are too many.
   */
  private async ownMatches(ctx: AccessContext, query: SearchQuery) {
    return this.search.search(
      { ...(await this.inCallersNamespace(ctx, query)), count: 2 },
      { offset: 0, areaScope: null, sourceId: sourceOf(ctx) },
    );
  }

  /** A data source's own ids in a search (`_id`, `subject=Patient/…`) as the platform ids of its records. */
  private async inCallersNamespace(ctx: AccessContext, query: SearchQuery): Promise<SearchQuery> {
    const sourceId = ctx.principal.sourceId;
    if (!sourceId) return query;
    const named = [
      ...(query.tokens['_id'] ?? [])
        .flat()
        .flatMap((t) => (t.code ? [{ resourceType: query.resourceType, localId: t.code }] : [])),
      ...['subject', 'patient'].flatMap((name) =>
        (query.references[name] ?? [])
          .flat()
          .flatMap((r) => ('id' in r ? [{ resourceType: r.resourceType, localId: r.id }] : [])),
      ),
    ];
    if (named.length === 0) return query;
    const platform = await this.records.platformIdsOf(sourceId, named);
    if (platform.size === 0) return query;
    const idOf = (type: string, id: string) => platform.get(`${type}/${id}`)?.slice(type.length + 1) ?? id;
    const references = { ...query.references };
    for (const name of ['subject', 'patient'])
      if (references[name])
        references[name] = references[name].map((alternatives) =>
          alternatives.map((r) => ('id' in r ? { ...r, id: idOf(r.resourceType, r.id) } : r)),
        );
    const tokens = { ...query.tokens };
    if (tokens['_id'])
      tokens['_id'] = tokens['_id'].map((alternatives) =>
        alternatives.map((t) => (t.code ? { ...t, code: idOf(query.resourceType, t.code) } : t)),
      );
    return { ...query, tokens, references };
  }

  /**
   * For a page of records, per source, the platform ids of what the references their sources wrote name
   * (one look-up per source rather than one per record); records the reader's own source wrote need none.
   */
  private async platformReferencesOf(
    ctx: AccessContext,
    rows: readonly StoredRecordRow[],
  ): Promise<Map<string, Map<string, string>>> {
    const bySource = new Map<string, { resourceType: string; localId: string }[]>();
    for (const row of rows) {
      if (row.source_id === ctx.principal.sourceId || !row.resource) continue;
      const references = literalReferencesOf(row.resource);
      if (references.length > 0)
        bySource.set(row.source_id, [...(bySource.get(row.source_id) ?? []), ...references]);
    }
    const out = new Map<string, Map<string, string>>();
    for (const [sourceId, references] of bySource)
      out.set(sourceId, await this.records.platformIdsOf(sourceId, references));
    return out;
  }

  /** The id a reader knows a record by: its source sees its own id, everyone else the platform id. */
  private idShown(ctx: AccessContext, row: StoredRecordRow, asWriter = false): string {
    return asWriter || ctx.principal.sourceId === row.source_id ? localIdOf(row) : row.id;
  }

  /**
   * A stored version as the FHIR resource the caller may see: with meta, masked per disclosure. Its source
   * sees it as sent; anyone else sees it under its platform id, with the references its source wrote in its
   * own namespace (`Patient/p-0001`) made to the platform ids of the records they name.
   */
  private async present(
    ctx: AccessContext,
    current: StoredRecordRow,
    version: StoredRecordRow | VersionRow,
    options: { asWriter?: boolean; platformIds?: ReadonlyMap<string, ReadonlyMap<string, string>> } = {},
  ): Promise<Json> {
    const asSource = options.asWriter === true || ctx.principal.sourceId === current.source_id;
    const id = asSource ? localIdOf(current) : current.id;
    let resource =
      version.resource ??
      fhirResourceOf(version.record as unknown as StoredRecord, {
        id,
        subjectId: current.subject_id,
        sourceId: current.source_id,
      }) ??
      {};
    if (!asSource && version.resource) {
      const references = literalReferencesOf(resource);
      if (references.length > 0)
        resource = withPlatformReferences(
          resource,
          options.platformIds?.get(current.source_id) ??
            (await this.records.platformIdsOf(current.source_id, references)),
        );
    }
    const withMeta: Json = {
      ...resource,
      id,
      meta: {
        versionId: String(version.version),
        lastUpdated: version.received_at,
        source: `urn:shuzhi:source:${current.source_id}`,
      },
    };
    // The writer is answered with the record as it sent it: masked, a hospital's own patient came back with
    // `1993-**-**` (no FHIR date: a client parsing the 201 fails, and one that keeps the answer keeps `陈*`).
    if (options.asWriter === true) return withMeta;
    return maskResource(withMeta, ctx.disclosed as ReadonlySet<SensitiveField>);
  }
}

/** The source a caller writes as: its own for a data source's API key, the operator otherwise (CLI, staff). */
export function sourceOf(ctx: AccessContext): string {
  return ctx.principal.sourceId ?? OPERATOR_SOURCE;
}

/**
 * Reads inside a Bundle pass the gatekeeper only as the Bundle's POST (`hub:submit`), so they are allowed
 * here only to callers who may read records anyway: the platform itself and staff with `persons:read`. A data
 * source reads nothing without a sharing agreement, which the gatekeeper checks on the read routes alone.
 */
function mayReadInBundle(ctx: AccessContext): boolean {
  const { principal } = ctx;
  if (principal.kind === 'system') return true;
  return principal.kind === 'user' && roleHas(principal.role, 'persons:read');
}

/**
 * Whether an area-scoped reader sees a record: within its area, or with no area when its scope is city-wide —
 * the rule persons and change-feed events follow (`mpi/person-area.ts`); by the record's own area alone, a
 * city epidemiologist was sent a case on the feed whose results it could not read here.
 */
function visible(ctx: AccessContext, row: StoredRecordRow): boolean {
  const scope = ctx.principal.areaCode;
  if (scope === null || row.resource_type === 'Organization' || row.resource_type === 'Location') return true;
  return isPersonWithinArea(row.area_code, scope);
}

function invalid(issues: FhirIssue[]): FhirAnswer {
  return { status: 400, body: operationOutcome(issues) as unknown as Json };
}

function notFound(what: string): FhirAnswer {
  return {
    status: 404,
    body: operationOutcome([
      errorIssue('not-found', what, coded('not-known-here', { what })),
    ]) as unknown as Json,
  };
}

function versionHeaders(version: number, lastModified: string): Record<string, string> {
  return { etag: `W/"${version}"`, 'last-modified': new Date(lastModified).toUTCString() };
}

function withOffset(params: URLSearchParams, offset: number): string {
  const copy = new URLSearchParams(params);
  if (offset > 0) copy.set('_offset', String(offset));
  return copy.toString();
}

/** The issues of a refused record; `root` names where it was (a resource type, or its Bundle entry). */
/**
 * A refused transaction's outcomes with the entries refused for themselves first, then in entry order: the
 * store answers in its own order (creates before updates), and a client shows the first issue — which was
 * "not processed: another record … was rejected" with the reason three issues further down.
 */
function refusalsFirst<T extends { position: number; issues: readonly { reason: string }[] }>(
  rejected: readonly T[],
): T[] {
  const onlyNotProcessed = (o: T) =>
    o.issues.every((i) => i.reason === reasonTexts['not-processed']) ? 1 : 0;
  return [...rejected].sort((a, b) => onlyNotProcessed(a) - onlyNotProcessed(b) || a.position - b.position);
}

function entryIssues(
  outcome: IngestOutcome,
  root = `Bundle.entry[${outcome.position}].resource`,
): FhirIssue[] {
  if (outcome.status !== 'rejected') return [];
  const code: IssueType =
    outcome.httpStatus === 409 || outcome.httpStatus === 412
      ? 'conflict'
      : outcome.httpStatus === 403
        ? 'forbidden'
        : 'processing';
  // The record store codes every refusal, so each outcome issue carries its code (fhir-outcome-codes.test.ts).
  return outcome.issues.map((i) => ({
    severity: 'error',
    code,
    expression: `${root}${i.field ? `.${i.field}` : ''}`,
    diagnostics: i.reason,
    ...(i.code === undefined ? {} : { reasonCode: i.code }),
    ...(i.params === undefined ? {} : { reasonParams: i.params }),
  }));
}

/**
 * A stored entry's answer with the warnings its resource raised (an identifier kept but failing its check,
 * an unknown element ignored) as `response.outcome`, so the source sees them (R4 Bundle.entry.response).
 */
function withWarnings(outcome: EntryOutcome, warnings: readonly FhirIssue[] | undefined): EntryOutcome {
  if (outcome.status >= 400 || !warnings || warnings.length === 0) return outcome;
  return { ...outcome, outcome: operationOutcome(warnings) };
}

function entryOutcome(outcome: IngestOutcome): EntryOutcome {
  if (outcome.status === 'rejected') return failedEntry(entryIssues(outcome), outcome.httpStatus);
  return {
    status: outcome.status === 'created' ? 201 : 200,
    location: `${outcome.resourceType}/${outcome.id}/_history/${outcome.version}`,
    version: String(outcome.version),
    lastModified: outcome.lastModified,
  };
}

/** Maps items one after another (each may read the database), keeping their order. */
async function mapInOrder<T, U>(items: readonly T[], map: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  for (const item of items) out.push(await map(item));
  return out;
}

/** Runs tasks one after another per key (tasks of different keys run side by side). */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** The entries a Bundle body holds (1 for a body that is no Bundle at all): what a refusal of it refuses. */
function entryCountOf(body: unknown): number {
  const entries = (body as { entry?: unknown } | null)?.entry;
  return Array.isArray(entries) && entries.length > 0 ? entries.length : 1;
}

function withoutId(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('id' in body)) return body;
  const { id: _ignored, ...rest } = body as Record<string, unknown>;
  return rest;
}
