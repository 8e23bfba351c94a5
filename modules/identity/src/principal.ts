/**
 * Who is asking, and why: the principal behind a request and the access context every service receives.
 * Built once per request by the gatekeeper; services and repositories narrow their queries with it.
 */
import {
  AppError,
  refusalIssue,
  roleDisclosure,
  sensitiveFields,
  type SensitiveField,
  isWithinArea,
  roleHas,
  roleMayDeclare,
  type Clock,
  type ErrorCode,
  type FieldIssue,
  type Permission,
  type Purpose,
  type Role,
} from '@shuzhi/core';

export interface Principal {
  kind: 'user' | 'api_key' | 'system';
  /** User id, API key id, or `system:<what>` for the CLI and background jobs. */
  id: string;
  role: Role;
  displayName: string;
  /** GB/T 2260 prefix of the area this principal may see; null = everywhere. */
  areaCode: string | null;
  /** For a data source's API key, or a data-source user account bound to one: the source it submits as. */
  sourceId?: string;
  /** For a citizen: their own person record. */
  personId?: string;
}

export interface AccessContext {
  principal: Principal;
  purpose: Purpose;
  clock: Clock;
  requestId?: string;
  /** Sensitive fields this caller sees in clear (role default, or what a sharing agreement grants). */
  disclosed: ReadonlySet<SensitiveField>;
  /** For an external consumer's read: the sharing agreement it happens under. */
  agreementId?: string;
  /**
   * For an external consumer's read of a route whose response draws on several datasets: the ones its
   * agreements grant for the purpose (the route leaves the others out). Unset for staff.
   */
  datasets?: ReadonlySet<string>;
}

/** The CLI and background jobs act as the system, with a declared purpose, and are audited as such. */
export function systemContext(what: string, purpose: Purpose, clock: Clock): AccessContext {
  return {
    principal: {
      kind: 'system',
      id: `system:${what}`,
      role: 'admin',
      displayName: `system (${what})`,
      areaCode: null,
    },
    purpose,
    clock,
    disclosed: new Set(sensitiveFields),
  };
}

/** What a staff principal sees in clear by default. */
export function defaultDisclosure(principal: Principal): ReadonlySet<SensitiveField> {
  if (principal.kind === 'system') return new Set(sensitiveFields);
  if (principal.kind === 'api_key') return new Set();
  return new Set(roleDisclosure[principal.role]);
}

/** Throws `forbidden` unless the principal's role grants the permission and may declare the purpose. */
export function assertAllowed(ctx: AccessContext, permission: Permission): void {
  if (ctx.principal.kind === 'system') return;
  if (!roleHas(ctx.principal.role, permission))
    throw refused('forbidden', roleRefusal(ctx.principal.role, permission));
  if (!roleMayDeclare(ctx.principal.role, ctx.purpose))
    throw refused('forbidden', purposeRefusal(ctx.principal.role, ctx.purpose));
}

/**
 * A refusal whose message is its one coded reason, so the server gives it in the reader's language by the code
 * (problem+json `reasonZh`, FHIR `details.text`) and the web and the CLI show that text alone.
 */
export function refused(code: ErrorCode, issue: FieldIssue): AppError {
  return new AppError(code, issue.reason, { issues: [issue] });
}

/** A role without a permission (the route's, or a service's own check). */
export function roleRefusal(role: Role, permission: Permission): FieldIssue {
  return refusalIssue('role-permission', { role, permission });
}

/** A role that may not act for a purpose it declared (`X-Purpose-Of-Use`). */
export function purposeRefusal(role: Role, purpose: Purpose): FieldIssue {
  return refusalIssue('purpose-undeclarable', { role, purpose }, { field: 'x-purpose-of-use' });
}

/** Whether a record in `areaCode` is inside the caller's area scope. */
export function canSeeArea(ctx: AccessContext, areaCode: string | null | undefined): boolean {
  return isWithinArea(areaCode, ctx.principal.areaCode);
}
