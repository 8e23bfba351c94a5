/**
 * Plans the processing of a `transaction` or `batch` Bundle (FHIR R4 http.html §3.1.0.11): checks each
 * entry's request and resource, assigns ids to created resources, maps `urn:uuid:` fullUrls to those ids,
 * parses conditional creates (`ifNoneExist`) and searches, and orders entries DELETE, POST, PUT, GET.
 * A transaction is all-or-nothing: any invalid entry rejects the Bundle. Batch entries stand alone.
 */
import type { HubRecord } from '../records.js';
import { coded, type CodedReason } from '../reasons.js';
import { errorIssue, hasErrors, issuesInEntry, type FhirIssue } from './fhir-issue.js';
import type { Json } from './fhir-reader.js';
import type { FhirValidationContext } from './resource-base.js';
import { parseSearchQuery, type SearchQuery } from './search-query.js';
import {
  isSupportedResourceType,
  validateResource,
  type SupportedResourceType,
} from './validate-resource.js';

export type BundleMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PlannedEntry {
  /** Position in the submitted Bundle (responses go back in this order). */
  index: number;
  method: BundleMethod;
  resourceType: SupportedResourceType;
  /** POST: the id given to the new resource; PUT, DELETE, GET read: the id in the url. */
  id?: string;
  fullUrl?: string;
  /** POST and PUT: the resource as submitted (references to `urn:uuid:` still unresolved). */
  resource?: Json;
  /** POST and PUT: the normalised record. */
  record?: HubRecord;
  /** POST with `ifNoneExist`: create only if this search finds nothing. */
  ifNoneExist?: SearchQuery;
  /** PUT with `ifMatch`: the version the client expects (from `W/"3"`). */
  ifMatchVersion?: string;
  /** GET with a query string. */
  search?: SearchQuery;
  /** Warnings from validation (kept, not rejecting). */
  issues: FhirIssue[];
}

export interface BundlePlan {
  type: 'transaction' | 'batch';
  /** Entries to execute, in processing order. */
  entries: PlannedEntry[];
  /** Batch entries that failed on their own; each gets an error response. */
  rejected: { index: number; issues: FhirIssue[] }[];
  /** `urn:uuid:` fullUrl → `Type/id` of the resource that entry creates or updates. */
  placeholders: Map<string, string>;
}

export type BundlePlanning = { ok: true; plan: BundlePlan } | { ok: false; issues: FhirIssue[] };

export interface BundleContext extends FhirValidationContext {
  /** Makes the id of a created resource (server-assigned ids; injected so planning stays pure). */
  newId: () => string;
}

const methodOrder: Record<BundleMethod, number> = { DELETE: 0, POST: 1, PUT: 2, GET: 3 };
const uuidUrn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function planBundle(bundle: unknown, context: BundleContext): BundlePlanning {
  const top: FhirIssue[] = [];
  const fail = (
    expression: string,
    reason: CodedReason,
    code: FhirIssue['code'] = 'invalid',
  ): BundlePlanning => {
    top.push(errorIssue(code, expression, reason));
    return { ok: false, issues: top };
  };
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle))
    return fail('Bundle', coded('body-resource-type', { type: 'Bundle' }));
  const body = bundle as Json;
  if (body.resourceType !== 'Bundle')
    return fail('Bundle.resourceType', coded('resource-type', { type: 'Bundle' }));
  if (body.type !== 'transaction' && body.type !== 'batch') {
    return fail('Bundle.type', coded('bundle-type'), 'not-supported');
  }
  const type = body.type;
  if (body.entry !== undefined && !Array.isArray(body.entry))
    return fail('Bundle.entry', coded('json-array'));
  const rawEntries = (body.entry ?? []) as unknown[];

  const placeholders = new Map<string, string>();
  const seenFullUrls = new Set<string>();
  const planned: PlannedEntry[] = [];
  const rejected: { index: number; issues: FhirIssue[] }[] = [];
  rawEntries.forEach((raw, index) => {
    const outcome = planEntry(raw, index, context, seenFullUrls);
    if (!('entry' in outcome)) {
      rejected.push({ index, issues: outcome.issues });
      return;
    }
    const entry = outcome.entry;
    planned.push(entry);
    if (entry.fullUrl && uuidUrn.test(entry.fullUrl) && entry.id)
      placeholders.set(entry.fullUrl, `${entry.resourceType}/${entry.id}`);
  });

  // References between entries: a transaction resolves urn:uuid references to entries' fullUrls; a batch
  // may not have interdependent entries (R4 http.html: "there SHALL be no interdependencies").
  for (const entry of planned) {
    if (!entry.resource) continue;
    for (const { path, reference } of urnReferences(entry.resource)) {
      if (type === 'transaction' && placeholders.has(reference)) continue;
      entry.issues.push(
        errorIssue(
          type === 'batch' ? 'not-supported' : 'not-found',
          `Bundle.entry[${entry.index}].resource${path}`,
          type === 'batch'
            ? coded('batch-cross-reference')
            : coded('bundle-reference-unresolved', { reference }),
        ),
      );
    }
  }
  const failedHere = planned.filter((e) => hasErrors(e.issues));
  for (const entry of failedHere)
    rejected.push({ index: entry.index, issues: entry.issues.filter((i) => i.severity === 'error') });
  const entries = planned
    .filter((e) => !hasErrors(e.issues))
    .sort((a, b) => methodOrder[a.method] - methodOrder[b.method] || a.index - b.index);
  rejected.sort((a, b) => a.index - b.index);

  if (type === 'transaction' && rejected.length > 0)
    return { ok: false, issues: rejected.flatMap((r) => r.issues) };
  return { ok: true, plan: { type, entries, rejected, placeholders } };
}

function planEntry(
  raw: unknown,
  index: number,
  context: BundleContext,
  seenFullUrls: Set<string>,
): { entry: PlannedEntry } | { issues: FhirIssue[] } {
  const at = `Bundle.entry[${index}]`;
  const issues: FhirIssue[] = [];
  const error = (expression: string, reason: CodedReason, code: FhirIssue['code'] = 'invalid') => {
    issues.push(errorIssue(code, expression, reason));
    return { issues };
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return error(at, coded('bundle-entry-object'));
  const entry = raw as Json;
  let fullUrl: string | undefined;
  if (entry.fullUrl !== undefined) {
    if (typeof entry.fullUrl !== 'string' || entry.fullUrl.length === 0)
      return error(`${at}.fullUrl`, coded('bundle-full-url'));
    fullUrl = entry.fullUrl.startsWith('urn:uuid:') ? entry.fullUrl.toLowerCase() : entry.fullUrl;
    if (fullUrl.startsWith('urn:uuid:') && !uuidUrn.test(fullUrl))
      return error(`${at}.fullUrl`, coded('bundle-full-url-uuid'));
    if (seenFullUrls.has(fullUrl))
      return error(`${at}.fullUrl`, coded('bundle-full-url-repeated', { fullUrl }), 'duplicate');
    seenFullUrls.add(fullUrl);
  }
  const request =
    typeof entry.request === 'object' && entry.request !== null ? (entry.request as Json) : undefined;
  if (!request) return error(`${at}.request`, coded('bundle-request-required'), 'required');
  const method = request.method;
  if (method === 'PATCH' || method === 'HEAD')
    return error(`${at}.request.method`, coded('bundle-method-unsupported', { method }), 'not-supported');
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT' && method !== 'DELETE') {
    return error(`${at}.request.method`, coded('bundle-method'), 'code-invalid');
  }
  if (typeof request.url !== 'string' || request.url.length === 0)
    return error(`${at}.request.url`, coded('bundle-url-required'), 'required');
  const [path, queryString] = request.url.split('?', 2) as [string, string | undefined];
  const [resourceType, id, ...more] = path.replace(/^\//, '').split('/');
  if (!isSupportedResourceType(resourceType))
    return error(
      `${at}.request.url`,
      coded('bundle-url-type', { type: resourceType ?? '' }),
      'not-supported',
    );
  const planned: PlannedEntry = { index, method, resourceType, issues: [] };
  if (fullUrl) planned.fullUrl = fullUrl;

  if (method === 'POST') {
    if (id !== undefined || queryString !== undefined)
      return error(`${at}.request.url`, coded('bundle-create-url'));
    planned.id = context.newId();
  } else {
    if (more.length > 0) return error(`${at}.request.url`, coded('bundle-url-form'));
    if (id !== undefined && !/^[A-Za-z0-9\-.]{1,64}$/.test(id))
      return error(`${at}.request.url`, coded('bundle-url-id', { id }));
    if (method === 'GET' && id === undefined) {
      const search = parseSearchQuery(
        resourceType,
        queryString ?? '',
        context.zoneOffsetMinutes === undefined ? {} : { zoneOffsetMinutes: context.zoneOffsetMinutes },
      );
      if (!search.ok)
        return {
          issues: search.issues.map((i) => ({ ...i, expression: `${at}.request.url (${i.expression})` })),
        };
      planned.search = search.query;
    } else if (id === undefined) {
      return error(
        `${at}.request.url`,
        coded(method === 'PUT' ? 'bundle-update-conditional' : 'bundle-delete-conditional'),
        'not-supported',
      );
    } else planned.id = id;
  }

  if (method === 'POST' || method === 'PUT') {
    const resource = entry.resource;
    if (typeof resource !== 'object' || resource === null)
      return error(`${at}.resource`, coded('bundle-resource-required', { method }), 'required');
    const body = resource as Json;
    if (body.resourceType !== resourceType)
      return error(`${at}.resource.resourceType`, coded('bundle-resource-type', { type: resourceType }));
    if (method === 'PUT' && body.id !== planned.id)
      return error(`${at}.resource.id`, coded('bundle-resource-id', { id: planned.id ?? '' }));
    const validation = validateResource(body, context);
    const rooted = issuesInEntry(validation.issues, index);
    if (!validation.ok) return { issues: rooted };
    planned.resource = body;
    planned.record = validation.record;
    planned.issues = rooted;
  }
  if (request.ifNoneExist !== undefined) {
    if (method !== 'POST') return error(`${at}.request.ifNoneExist`, coded('bundle-if-none-exist-post'));
    if (typeof request.ifNoneExist !== 'string')
      return error(`${at}.request.ifNoneExist`, coded('bundle-if-none-exist-query'));
    const search = parseSearchQuery(resourceType, request.ifNoneExist.replace(/^\?/, ''));
    if (!search.ok)
      return {
        issues: search.issues.map((i) => ({
          ...i,
          expression: `${at}.request.ifNoneExist (${i.expression})`,
        })),
      };
    planned.ifNoneExist = search.query;
  }
  if (request.ifMatch !== undefined) {
    const match = typeof request.ifMatch === 'string' ? /^W\/"([^"]+)"$/.exec(request.ifMatch) : null;
    if (!match || method !== 'PUT') return error(`${at}.request.ifMatch`, coded('bundle-if-match'));
    planned.ifMatchVersion = match[1]!;
  }
  return { entry: planned };
}

/** Every `reference` in a resource that points at a `urn:uuid:`, with its path from the resource. */
export function urnReferences(resource: unknown, path = ''): { path: string; reference: string }[] {
  if (Array.isArray(resource)) return resource.flatMap((item, k) => urnReferences(item, `${path}[${k}]`));
  if (typeof resource !== 'object' || resource === null) return [];
  const found: { path: string; reference: string }[] = [];
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'reference' && typeof value === 'string' && value.toLowerCase().startsWith('urn:uuid:')) {
      found.push({ path: `${path}.reference`, reference: value.toLowerCase() });
    } else if (typeof value === 'object') found.push(...urnReferences(value, `${path}.${key}`));
  }
  return found;
}

/**
 * A copy of a resource (or normalised record) with every `urn:uuid:` reference replaced by `Type/id`.
 * `resolved` is the plan's placeholders, updated by the caller where a conditional create found an
 * existing resource.
 */
export function resolveReferences<T>(value: T, resolved: ReadonlyMap<string, string>): T {
  if (Array.isArray(value)) return (value as unknown[]).map((item) => resolveReferences(item, resolved)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === 'reference' && typeof item === 'string' && item.toLowerCase().startsWith('urn:uuid:')
        ? (resolved.get(item.toLowerCase()) ?? item)
        : resolveReferences(item, resolved);
  }
  return copy as T;
}
