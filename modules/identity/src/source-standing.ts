/**
 * What a data source's key or bound account may do as that source, given how the source stands: a disabled
 * source does nothing (no write, no read-back, no shared read), a consumer-only source reads what its
 * agreements grant and submits nothing. The hub owns sources and answers the lookup; identity refuses.
 */
import { AppError, type Permission } from '@shuzhi/core';

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
  if (!standing.active && (asSource || act.sharedRead)) {
    const reason =
      `data source ${sourceId} is disabled: its API keys and accounts may not submit, read back or read shared ` +
      `data until an administrator enables it (数据源 ${sourceId} 已停用：重新启用前，其密钥和账号不能报送、回查或读取共享数据)`;
    return refusal('source.active', reason);
  }
  if (standing.consumerOnly && asSource) {
    const reason =
      `data source ${sourceId} is registered as a consumer only: it reads what its data-sharing agreements ` +
      `grant and submits nothing (数据源 ${sourceId} 登记为仅使用方：只能按共享协议读取数据，不能报送)`;
    return refusal('source.consumerOnly', reason);
  }
  return null;
}

/**
 * The reason names the source itself, with no `record`: on FHIR routes an issue's record reads as a Bundle
 * entry ("entry …"), and this refusal is of the caller, not of an entry it sent.
 */
function refusal(field: string, reason: string): AppError {
  return new AppError('forbidden', reason, { issues: [{ field, reason }] });
}
