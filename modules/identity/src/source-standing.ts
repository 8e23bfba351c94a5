/**
 * What a data source's key or bound account may do as that source, given how the source stands: a disabled
 * source does nothing (no write, no read-back, no shared read), a consumer-only source reads what its
 * agreements grant and submits nothing. The hub owns sources and answers the lookup; identity refuses.
 */
import { AppError, refusalIssue, type FieldIssue, type Permission } from '@shuzhi/core';

/** How a data source stands, as the hub registers it. */
export interface SourceStanding {
  active: boolean;
  consumerOnly: boolean;
}

/** The hub's answer for one source; undefined for a source it does not know. */
export type SourceStandingLookup = (sourceId: string) => Promise<SourceStanding | undefined>;

/** Permissions a data-source principal exercises as its source: what it submits, and reads back. */
export const actsAsSource: ReadonlySet<Permission> = new Set([
  'hub:submit',
  'imports:manage',
  'submissions:read',
]);

/** What a request does, as far as the source's standing is concerned. */
export interface SourceAct {
  permission?: Permission | undefined;
  /** An external consumer's read of a shared dataset (under a data-sharing agreement). */
  sharedRead: boolean;
}

/**
 * The refusal for a source principal's request, or null when its source's standing allows it. Sign-in,
 * sign-out and the caller's own session stay open, so a refused account can still see why.
 */
export function sourceStandingRefusal(
  sourceId: string | undefined,
  standing: SourceStanding | undefined,
  act: SourceAct,
): AppError | null {
  if (!sourceId || !standing) return null;
  const asSource = act.permission !== undefined && actsAsSource.has(act.permission);
  if (!standing.active && (asSource || act.sharedRead))
    return refusal(refusalIssue('source-disabled', { source: sourceId }, { field: 'source.active' }));
  if (standing.consumerOnly && asSource)
    return refusal(
      refusalIssue('source-consumer-only', { source: sourceId }, { field: 'source.consumerOnly' }),
    );
  return null;
}

/**
 * The reason names the source itself, with no `record`: on FHIR routes an issue's record reads as a Bundle
 * entry ("entry …"), and this refusal is of the caller, not of an entry it sent. The message is the English
 * reason; the issue's code gives it in the reader's language (the server's error mapping, the web).
 */
function refusal(issue: FieldIssue): AppError {
  return new AppError('forbidden', issue.reason, { issues: [issue] });
}
