/**
 * The gatekeeper's refusals of a caller (a key it does not know, a disabled or consumer-only data source),
 * with stable codes and their texts in English and Simplified Chinese. They live here, below both identity
 * (which refuses) and the hub (whose one reason table, core/reasons.ts, takes them in), so that a refusal
 * carries its code and the API and the web translate it by code rather than by its English.
 */
import type { FieldIssue } from './errors.js';

export const refusalReasonTexts = {
  'token-refused': 'unknown, expired or revoked token',
  'source-disabled':
    'data source {{source}} is disabled: its API keys and accounts may not submit, read back or read shared data until an administrator enables it',
  'source-consumer-only':
    'data source {{source}} is registered as a consumer only: it reads what its data-sharing agreements grant and submits nothing',
} as const satisfies Record<string, string>;

export type RefusalReasonCode = keyof typeof refusalReasonTexts;

export const refusalReasonTextsZh: Record<RefusalReasonCode, string> = {
  'token-refused': '令牌无效、已过期或已吊销',
  'source-disabled': '数据源 {{source}} 已停用：重新启用前，其密钥和账号不能报送、回查或读取共享数据',
  'source-consumer-only': '数据源 {{source}} 登记为仅使用方：只能按共享协议读取数据，不能报送',
};

/** A refusal's issue: its English reason filled with the parameters, with the code and parameters beside. */
export function refusalIssue(
  code: RefusalReasonCode,
  params: Record<string, string> = {},
  at: Pick<FieldIssue, 'record' | 'field'> = {},
): FieldIssue {
  const reason = refusalReasonTexts[code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? params[name]! : whole,
  );
  return { ...at, reason, code, ...(Object.keys(params).length > 0 ? { params } : {}) };
}
