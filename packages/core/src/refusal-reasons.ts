/**
 * The gatekeeper's refusals of a caller (no credentials, a key it does not know, a disabled or consumer-only
 * data source, no agreement, a role without the permission or purpose, no CSRF token), identity's refusal
 * to bind an account to a source that submits nothing, and the services' common refusals (not found or no
 * access, conflicts), with stable codes and their texts in English and Simplified Chinese. They
 * live here, below both identity (which refuses) and the hub (whose one reason table, core/reasons.ts, takes
 * them in), so that a refusal carries its code and the API and the web translate it by code rather than by
 * its English.
 */
import type { FieldIssue } from './errors.js';

export const refusalReasonTexts = {
  'token-refused': 'unknown, expired or revoked token',
  'source-disabled':
    'data source {{source}} is disabled: its API keys and accounts may not submit, read back or read shared data until an administrator enables it',
  'source-consumer-only':
    'data source {{source}} is registered as a consumer only: it reads what its data-sharing agreements grant and submits nothing',
  'sign-in-required': 'sign in or present an API key',
  'agreement-none': 'no active data-sharing agreement covers dataset {{dataset}} for purpose {{purpose}}',
  // A consumer that sent no purpose reads as its key's default, which no agreement names.
  'agreement-none-no-purpose':
    'no active data-sharing agreement covers dataset {{dataset}} for purpose {{purpose}} (no {{header}} header: declare the purpose your agreement names)',
  'role-permission': 'role {{role}} may not {{permission}}',
  'purpose-unknown': 'unknown purpose of use in the {{header}} header; one of {{purposes}}',
  'purpose-undeclarable': 'role {{role}} may not act for purpose {{purpose}}',
  'csrf-token': 'missing or wrong {{header}} header for a cookie session',
  // A search or sort by a field the caller sees masked would reveal it (a hit confirms an ID number).
  'search-masked':
    'searching by {{param}} needs the {{field}} field in clear, which your role or data-sharing agreement does not grant',
  'sort-masked':
    'sorting by {{sort}} needs the {{field}} field in clear, which your role or data-sharing agreement does not grant',
  'account-unbound':
    'this data_source account is not bound to a data source; an administrator binds it with `shuzhi users set-source USERNAME SOURCE_ID` or POST /api/v1/users/{id}/source',
  'account-source-unknown': 'no data source {{source}} is registered (shuzhi sources add)',
  'account-source-consumer-only':
    'data source {{source}} is a consumer only: it submits nothing, so no account submits as it',
  // The services' common refusals of a record that is not there or not in this state (not found or no access,
  // conflicts) and of an argument they check: the services throw them coded (sources, users, trace), so the
  // API, the web and the CLI give them in the reader's language.
  'source-not-found': 'source {{source}} not found or no access',
  'api-key-not-found': 'API key {{key}} of source {{source}} not found or no access',
  'api-key-already-revoked': 'API key {{key}} of source {{source}} is already revoked',
  'source-already-disabled': 'source {{source}} is already disabled',
  'source-not-disabled': 'source {{source}} is not disabled',
  'source-disable-reason': 'give a reason (at least 3 characters)',
  'source-name-taken': 'a source named "{{name}}" already exists',
  'source-id-taken': 'a source with id "{{source}}" already exists',
  'user-not-found': 'user {{user}} not found or no access',
  'username-taken': 'user {{user}} already exists',
  'trace-person-unknown': 'no person is known as {{person}}',
  'trace-no-case': '{{person}} has no case record; give the window with --from and --to',
} as const satisfies Record<string, string>;

export type RefusalReasonCode = keyof typeof refusalReasonTexts;

export const refusalReasonTextsZh: Record<RefusalReasonCode, string> = {
  'token-refused': '令牌无效、已过期或已吊销',
  'source-disabled': '数据源 {{source}} 已停用：重新启用前，其密钥和账号不能报送、回查或读取共享数据',
  'source-consumer-only': '数据源 {{source}} 登记为仅使用方：只能按共享协议读取数据，不能报送',
  'sign-in-required': '请先登录，或出示 API 密钥',
  'agreement-none': '没有有效的数据共享协议为用途“{{purpose}}”授权数据集 {{dataset}}',
  'agreement-none-no-purpose':
    '没有有效的数据共享协议为用途“{{purpose}}”授权数据集 {{dataset}}（请求未带 {{header}} 请求头：请声明共享协议所列的用途）',
  'role-permission': '角色 {{role}} 没有 {{permission}} 权限',
  'purpose-unknown': '{{header}} 请求头中的使用目的无法识别；可用：{{purposes}}',
  'purpose-undeclarable': '角色 {{role}} 不能以用途“{{purpose}}”访问',
  'csrf-token': '缺少 {{header}} 请求头或其值不对：登录会话（Cookie）的写操作必须带上它',
  'search-masked': '按 {{param}} 检索需要明文可见 {{field}} 字段，您的角色或数据共享协议未授予',
  'sort-masked': '按 {{sort}} 排序需要明文可见 {{field}} 字段，您的角色或数据共享协议未授予',
  'account-unbound':
    '此数据提供方账号未绑定数据源；请管理员用 `shuzhi users set-source 用户名 数据源ID` 或 POST /api/v1/users/{id}/source 绑定',
  'account-source-unknown': '没有登记数据源 {{source}}（用 shuzhi sources add 登记）',
  'account-source-consumer-only':
    '数据源 {{source}} 登记为仅使用方：它不报送数据，因此不能有账号以它的名义报送',
  'source-not-found': '数据源 {{source}} 不存在，或您无权访问',
  'api-key-not-found': '数据源 {{source}} 的 API 密钥 {{key}} 不存在，或您无权访问',
  'api-key-already-revoked': '数据源 {{source}} 的 API 密钥 {{key}} 已被吊销',
  'source-already-disabled': '数据源 {{source}} 已经停用',
  'source-not-disabled': '数据源 {{source}} 未停用',
  'source-disable-reason': '请说明原因（至少 3 个字符）',
  'source-name-taken': '已有名为“{{name}}”的数据源',
  'source-id-taken': '已有编号为“{{source}}”的数据源',
  'user-not-found': '用户 {{user}} 不存在，或您无权访问',
  'username-taken': '用户名 {{user}} 已被占用',
  'trace-person-unknown': '没有人员以 {{person}} 为标识',
  'trace-no-case': '{{person}} 没有病例记录；请用 --from 和 --to 指定时间窗',
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
