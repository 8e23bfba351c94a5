/**
 * The one gatekeeper: every request passes here before any handler. It authenticates the caller
 * (session cookie, bearer session token or data-source API key), applies the route's declared access
 * (permission, purpose of use, CSRF for cookie sessions), builds the AccessContext handlers receive, and
 * audits every write and every read of personal data — success or denial — before the response leaves.
 * Routes declare access in their config; a route under /api or /fhir without a declaration is refused
 * at start-up, so no route can forget.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  defaultPurposeOf,
  isPurpose,
  purposes,
  refusalIssue,
  roleHas,
  roleMayDeclare,
  type Clock,
  type Permission,
  type Purpose,
  type SensitiveField,
} from '@shuzhi/core';
import type { AuditService } from './audit.service.js';
import type { AuthService } from './auth.service.js';
import {
  defaultDisclosure,
  purposeRefusal,
  refused,
  roleRefusal,
  type AccessContext,
  type Principal,
} from './principal.js';
import { actsAsSource, sourceStandingRefusal } from './source-standing.js';
import {
  assertSearchDisclosed,
  fieldSearchesOf,
  queryParamNames,
  type FieldSearches,
} from './search-disclosure.js';

export interface RouteAccess {
  /** Open to anyone (login, health checks, the verifier's trust list). */
  public?: boolean;
  /**
   * The route checks its own bearer token (the metrics scraper's), so the gatekeeper neither resolves it as a
   * session or API key nor refuses it. Implies public.
   */
  ownBearer?: boolean;
  permission?: Permission;
  /** The response contains personal data: the read is audited. */
  personalData?: boolean;
  /** What the route acts on, for the audit trail (e.g. `user`, `person`, `audit_log`). */
  resource: string;
  /**
   * The shared dataset the route reads (e.g. `observations`, `cases`, `feed`). An external consumer (an
   * API key) may read it only under an active data-sharing agreement for the declared purpose, and sees
   * in clear only the fields the agreement grants.
   */
  dataset?: string;
  /**
   * Further datasets parts of the response come from (a person's timeline: results, diagnoses, cases …). A
   * consumer needs `dataset` to read at all; of these it gets the parts its agreements grant, named in
   * `ctx.datasets`, and the audit names the datasets read.
   */
  partDatasets?: readonly string[];
  /**
   * Query parameters and sort keys that match a sensitive field, beyond the defaults (`identifier`, `name`,
   * `phone`, `birthDate`, `address`; `q` on the persons dataset). A caller who sees the field masked may not
   * search or sort by it.
   */
  searches?: FieldSearches;
  /**
   * The route answers only with what the caller itself submitted (a data source reading back its records):
   * searching or sorting them by a sensitive field reveals nothing the caller did not send, so the masked-field
   * search guard does not apply.
   */
  ownSubmissions?: boolean;
}

/** A data-sharing agreement's grant to one consumer for one dataset and purpose. */
export interface SharingGrant {
  agreementId: string;
  fields: readonly SensitiveField[];
}

export type GrantLookup = (
  consumer: Principal,
  dataset: string,
  purpose: Purpose,
) => Promise<SharingGrant | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    ctx: AccessContext;
    authVia: 'cookie' | 'bearer' | null;
    sessionCsrfToken: string | null;
    /**
     * What a handler adds to its request's audit entry (non-personal only: a reason an administrator gave,
     * ids), so the trail says why, not only what.
     */
    auditDetail: Record<string, unknown> | null;
  }
}

export const SESSION_COOKIE = 'sz_session';
export const CSRF_HEADER = 'x-csrf-token';
export const PURPOSE_HEADER = 'x-purpose-of-use';

const ANONYMOUS: Principal = {
  kind: 'system',
  id: 'anonymous',
  role: 'citizen',
  displayName: 'anonymous',
  areaCode: null,
};
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const GUARDED_PREFIXES = ['/api/', '/fhir/'];

export interface GatekeeperDeps {
  auth: AuthService;
  audit: AuditService;
  clock: Clock;
  /** Finds the sharing agreement covering an external consumer's read (none: consumers read nothing). */
  findGrant?: GrantLookup;
}

export function installGatekeeper(app: FastifyInstance, deps: GatekeeperDeps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('ctx', null as unknown as AccessContext);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionCsrfToken', null);
  app.decorateRequest('auditDetail', null);

  app.addHook('onRoute', (route) => {
    const guarded = GUARDED_PREFIXES.some((p) => route.url.startsWith(p));
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (guarded && !access && route.method !== 'HEAD') {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access policy`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access?.ownBearer) await authenticate(request, deps);
    request.ctx = {
      principal: request.principal ?? ANONYMOUS,
      purpose: 'self_service',
      clock: deps.clock,
      requestId: request.id,
      disclosed: new Set(),
    };
    if (!access || access.public || access.ownBearer) return;
    const principal = request.principal;
    if (!principal) throw refused('unauthenticated', refusalIssue('sign-in-required'));
    const consumerRead = principal.kind === 'api_key' && access.dataset !== undefined;
    // A disabled source does nothing, a consumer-only source submits nothing: refused before its purpose, any
    // agreement or permission is looked at, so the answer names the real reason.
    if (principal.sourceId) {
      const standing = await deps.auth.sourceStanding(principal.sourceId);
      const refusal = sourceStandingRefusal(principal.sourceId, standing, {
        permission: access.permission,
        sharedRead: consumerRead,
      });
      if (refusal) throw refusal;
    }
    const purpose = declaredPurpose(request, principal, consumerRead);
    request.ctx = { ...request.ctx, principal, purpose, disclosed: defaultDisclosure(principal) };
    if (consumerRead) {
      const grant = deps.findGrant ? await deps.findGrant(principal, access.dataset!, purpose) : null;
      if (!grant) {
        // A consumer that sent no purpose reads as its key's default (data_submission), which no agreement
        // names: say how to declare one rather than leave it guessing.
        const undeclared = request.headers[PURPOSE_HEADER] === undefined;
        const params = {
          dataset: access.dataset!,
          purpose,
          ...(undeclared ? { header: PURPOSE_HEADER } : {}),
        };
        throw refused(
          'forbidden',
          refusalIssue(undeclared ? 'agreement-none-no-purpose' : 'agreement-none', params),
        );
      }
      request.ctx = { ...request.ctx, disclosed: new Set(grant.fields), agreementId: grant.agreementId };
      if (access.partDatasets) request.ctx = await withPartGrants(request.ctx, access, deps.findGrant!);
    } else if (
      access.permission &&
      principal.kind !== 'system' &&
      !roleHas(principal.role, access.permission)
    ) {
      throw refused('forbidden', roleRefusal(principal.role, access.permission));
    }
    if (access.permission && actsAsSource.has(access.permission)) assertBoundToSource(principal);
    // A search by a field the caller sees masked would reveal it (a hit confirms an ID number). FHIR search
    // has its own parameter grammar, guarded in the FHIR module.
    if (access.personalData && !access.ownSubmissions && request.url.startsWith('/api/')) {
      assertSearchDisclosed(
        request.url,
        fieldSearchesOf(access.searches, access.dataset),
        request.ctx.disclosed,
      );
    }
    if (request.authVia === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.sessionCsrfToken) {
        throw refused(
          'forbidden',
          refusalIssue('csrf-token', { header: CSRF_HEADER }, { field: CSRF_HEADER }),
        );
      }
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    await auditRequest(request, reply, deps.audit);
    return payload;
  });
}

/**
 * A data-source account not bound to a source (created before accounts had one) may not submit: its records
 * would land in no institution's namespace. Refused until an administrator binds it.
 */
function assertBoundToSource(principal: Principal): void {
  if (principal.kind !== 'user' || principal.role !== 'data_source' || principal.sourceId) return;
  throw refused('forbidden', refusalIssue('account-unbound', {}, { field: 'sourceId' }));
}

/**
 * The parts a consumer may read besides the route's dataset. The read happens under every agreement that
 * grants one of them, so all are named; fields in clear stay those of the route's own dataset, since the
 * person shown is of that dataset.
 */
async function withPartGrants(
  ctx: AccessContext,
  access: RouteAccess,
  findGrant: GrantLookup,
): Promise<AccessContext> {
  const datasets = new Set([access.dataset!]);
  const agreements = new Set(ctx.agreementId?.split(',') ?? []);
  for (const part of access.partDatasets ?? []) {
    const grant = await findGrant(ctx.principal, part, ctx.purpose);
    if (!grant) continue;
    datasets.add(part);
    for (const id of grant.agreementId.split(',')) agreements.add(id);
  }
  return { ...ctx, datasets, agreementId: [...agreements].sort().join(',') };
}

/**
 * The datasets a read drew on: what the consumer was granted, or every declared one for staff; a refused
 * request read nothing beyond the route's own dataset it asked for.
 */
function datasetsRead(access: RouteAccess, ctx: AccessContext, status: number): string | undefined {
  if (!access.dataset) return undefined;
  const all = [access.dataset, ...(access.partDatasets ?? [])];
  const read = status >= 400 ? [access.dataset] : ctx.datasets ? [...ctx.datasets] : all;
  return [...new Set(read)].join(',');
}

async function authenticate(request: FastifyRequest, deps: GatekeeperDeps): Promise<void> {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) {
    const secret = header.slice(7).trim();
    if (secret.startsWith('szk_')) {
      request.principal = (await deps.auth.resolveApiKey(secret)) ?? null;
    } else {
      const session = await deps.auth.resolveSession(secret);
      request.principal = session?.principal ?? null;
    }
    if (!request.principal) throw refused('unauthenticated', refusalIssue('token-refused'));
    request.authVia = 'bearer';
    return;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const session = await deps.auth.resolveSession(cookie);
    if (session) {
      request.principal = session.principal;
      request.authVia = 'cookie';
      request.sessionCsrfToken = session.csrfToken;
    }
  }
}

function declaredPurpose(request: FastifyRequest, principal: Principal, consumerRead: boolean): Purpose {
  const raw = request.headers[PURPOSE_HEADER];
  if (raw === undefined) return defaultPurposeOf(principal.role);
  if (typeof raw !== 'string' || !isPurpose(raw)) {
    const params = { header: PURPOSE_HEADER, purposes: purposes.join(', ') };
    throw refused('invalid_input', refusalIssue('purpose-unknown', params, { field: PURPOSE_HEADER }));
  }
  // An external consumer's purpose is checked against its sharing agreement instead of its role.
  if (!consumerRead && principal.kind !== 'system' && !roleMayDeclare(principal.role, raw)) {
    throw refused('forbidden', purposeRefusal(principal.role, raw));
  }
  return raw;
}

async function auditRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  audit: AuditService,
): Promise<void> {
  const access = request.routeOptions.config?.access;
  if (!access || access.public) return;
  // Refused before the gatekeeper ran (shed under load by an earlier onRequest hook): nobody was
  // authenticated and nothing was read or written, so there is nothing to audit.
  if (!request.ctx) return;
  const isWrite = !SAFE_METHODS.has(request.method);
  if (!isWrite && !access.personalData) return;
  const status = reply.statusCode;
  const outcome = status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure';
  const params = (request.params ?? {}) as Record<string, unknown>;
  const resourceId = typeof params['id'] === 'string' ? params['id'] : null;
  // What was searched by (parameter names only: the values may be ID numbers or names).
  const query = queryParamNames(request.url);
  await audit.record(request.ctx, {
    action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
    resourceType: access.resource,
    resourceId,
    outcome,
    detail: {
      status,
      ...(access.dataset ? { dataset: datasetsRead(access, request.ctx, status) } : {}),
      ...(request.ctx.agreementId ? { agreement: request.ctx.agreementId } : {}),
      ...(query.length > 0 ? { query } : {}),
      ...request.auditDetail,
    },
  });
}
