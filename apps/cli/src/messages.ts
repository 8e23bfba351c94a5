/**
 * What the CLI says to a person, in English and Simplified Chinese: import reports, the sources and users
 * commands, and errors on stderr. Reasons that have a code (import issues, refusals) are not copied here:
 * they come from the hub's one table of both languages (`reasonTextIn`).
 */
import { reasonTextIn, reasonTexts, sourceTypesZh, type ReasonCode, type ReasonParams } from '@shuzhi/hub';
import type { CliLanguage } from './language.js';

export interface ImportSummary {
  file: string;
  status: 'accepted' | 'partial' | 'rejected';
  accepted: number;
  unchanged: number;
  rejected: number;
  total: number;
  job: string;
}

interface ApiKeyLine {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CliMessages {
  errorPrefix: string;
  /** One issue of an error: `record 3, field name: reason`. */
  errorIssue(
    at: { record?: string | number | undefined; field?: string | undefined },
    reason: string,
  ): string;
  andMore(count: number): string;
  /** The first line of an error told by its issues below. */
  issuesFollow: string;
  importing(kind: string): string;
  importSummary(s: ImportSummary): string;
  importIssue(issue: { line: number; field?: string | undefined }, reason: string): string;
  nothingImported: string;
  /** The first line of the warnings: records imported despite a problem in a field. */
  importWarnings(count: number): string;
  unknownSource(sourceId: string): { message: string; reason: string };
  cannotRead(file: string, code: string): { message: string; reason: string };
  sourceRegistered(s: { type: string; name: string; id: string; consumerOnly: boolean }): string;
  apiKeyShownOnce(key: string): string;
  noApiKeys(sourceId: string): string;
  apiKeyLine(key: ApiKeyLine): string;
  apiKeyRevoked(keyId: string, sourceId: string): string;
  apiKeyRotated(s: { id: string; sourceId: string; revoked: string }): string;
  sourceDisabled(s: { id: string; name: string; reason: string | null }): string;
  sourceEnabled(s: { id: string; name: string }): string;
  unknownSourceType(type: string, types: readonly string[]): { message: string; reason: string };
  positiveWholeNumber(option: string, text: string): { message: string; reason: string };
  instantWithOffset(option: string, text: string): { message: string; reason: string };
  minutesAtLeastZero(text: string): { message: string; reason: string };
  passwordRequired: { message: string; reason: string };
  unknownRole(role: string, roles: readonly string[]): { message: string; reason: string };
  userCreated(u: { role: string; username: string; id: string; sourceId: string | null }): string;
  userSourceSet(username: string, sourceId: string): string;
  migrated(database: string, applied: readonly string[], total: number): string;
  verifying: string;
  auditIntact(entries: number): string;
  auditBroken(b: { seq: number | undefined; message: string | undefined; entries: number }): string;
  linkageSummary(l: { persons: number; records: number; linked: number }): string;
  traceSummary(t: {
    caseId: string;
    from: string;
    to: string;
    close: number;
    closeExposures: number;
    secondary: number;
    secondaryExposures: number;
  }): string[];
  topPlacesHeading: string;
  topPlace(p: { kind: string; place: string; close: number; secondary: number; share: string }): string;
  demoCity(d: { people: number; days: number; infections: number; outDir: string | null }): string;
  demoImported(i: {
    kind: string;
    file: string;
    accepted: number;
    unchanged: number;
    rejected: number;
  }): string;
  demoSkipped(kinds: readonly string[]): string;
}

/** Roles as the users page names them. */
const rolesZh: Record<string, string> = {
  citizen: '市民',
  grid_worker: '网格员',
  venue_operator: '场所经营者',
  data_source: '数据提供方',
  port_staff: '口岸工作人员',
  epidemiologist: '流调人员',
  analyst: '分析研判人员',
  admin: '系统管理员',
  auditor: '审计员',
};

const importStatusZh: Record<ImportSummary['status'], string> = {
  accepted: '已导入',
  partial: '部分导入',
  rejected: '已拒绝',
};

const en: CliMessages = {
  errorPrefix: 'error: ',
  errorIssue: ({ record, field }, reason) => {
    const where = [record !== undefined ? `record ${record}` : '', field ? `field ${field}` : ''].filter(
      Boolean,
    );
    return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
  },
  andMore: (count) => `… and ${count} more`,
  issuesFollow: 'refused:',
  importing: (kind) => `importing ${kind}`,
  importSummary: (s) =>
    `${s.file}: ${s.status} — ${s.accepted} accepted, ${s.unchanged} unchanged, ${s.rejected} rejected of ${s.total} (import ${s.job})`,
  importIssue: ({ line, field }, reason) => `line ${line}${field ? `, ${field}` : ''}: ${reason}`,
  nothingImported: 'nothing was imported (use --partial to import the valid records)',
  importWarnings: (count) =>
    count === 1
      ? '1 warning: the record was imported; check its field'
      : `${count} warnings: the records were imported; check their fields`,
  unknownSource: (id) => ({
    message: `--source ${id}: no data source has this id (shuzhi sources add registers one)`,
    reason: 'no data source has this id',
  }),
  cannotRead: (file, code) => ({ message: `cannot read ${file}: ${code}`, reason: 'cannot be read' }),
  sourceRegistered: (s) =>
    `registered ${s.type} source "${s.name}" as ${s.id}` +
    (s.consumerOnly ? ' (consumer only: submits nothing)' : ''),
  apiKeyShownOnce: (key) => `API key (shown once): ${key}`,
  noApiKeys: (id) => `source ${id} has no API keys`,
  apiKeyLine: (k) =>
    `${k.id}  ${k.prefix}…  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}` +
    (k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''),
  apiKeyRevoked: (keyId, sourceId) => `revoked API key ${keyId} of source ${sourceId}`,
  apiKeyRotated: (r) => `new API key ${r.id} for source ${r.sourceId}; ${r.revoked} is revoked`,
  sourceDisabled: (s) => `disabled source ${s.id} "${s.name}": ${s.reason}`,
  sourceEnabled: (s) => `enabled source ${s.id} "${s.name}"`,
  unknownSourceType: (type, types) => ({
    message: `unknown source type "${type}"; one of ${types.join(', ')}`,
    reason: `one of ${types.join(', ')}`,
  }),
  positiveWholeNumber: (option, text) => ({
    message: `--${option} ${text}: expected a positive whole number`,
    reason: 'expected a positive whole number',
  }),
  instantWithOffset: (option, text) => ({
    message: `--${option} ${text}: an ISO 8601 time with offset`,
    reason: 'an ISO 8601 date-time with offset, e.g. 2026-03-05T08:00:00+08:00',
  }),
  minutesAtLeastZero: (text) => ({
    message: `--min-overlap ${text}: a number of minutes ≥ 0`,
    reason: 'a number of minutes ≥ 0',
  }),
  passwordRequired: {
    message: 'a password is required: --password or SHUZHI_NEW_PASSWORD',
    reason: 'required',
  },
  unknownRole: (role, roles) => ({
    message: `unknown role "${role}"; one of ${roles.join(', ')}`,
    reason: `one of ${roles.join(', ')}`,
  }),
  userCreated: (u) =>
    `created ${u.role} ${u.username} (${u.id})` + (u.sourceId ? `, submitting as source ${u.sourceId}` : ''),
  userSourceSet: (username, sourceId) => `${username} now submits as source ${sourceId}`,
  migrated: (database, applied, total) =>
    applied.length === 0
      ? `${database}: up to date (${total} migrations)`
      : `${database}: applied ${applied.join(', ')}`,
  verifying: 'verifying',
  auditIntact: (entries) => `audit trail intact: ${entries} entries verified`,
  auditBroken: (b) =>
    `audit trail BROKEN at entry ${b.seq}: ${b.message} (${b.entries} entries verified before it)`,
  linkageSummary: (l) =>
    `${l.persons} persons from ${l.records} source records (${l.linked} persons with more than one record)`,
  traceSummary: (t) => [
    `case ${t.caseId}, window ${t.from} – ${t.to}`,
    `close contacts: ${t.close} (${t.closeExposures} exposures)`,
    `secondary contacts: ${t.secondary} (${t.secondaryExposures} exposures)`,
  ],
  topPlacesHeading: 'places that qualified the most contacts:',
  topPlace: (p) => `${p.kind} ${p.place}: ${p.close} close, ${p.secondary} secondary — ${p.share} %`,
  demoCity: (d) =>
    `demo city: ${d.people} residents, ${d.days} days, ${d.infections} infections${d.outDir ? `; files in ${d.outDir}` : ''}`,
  demoImported: (i) =>
    `${i.kind.padEnd(12)} ${i.file.padEnd(28)} ${i.accepted} imported, ${i.unchanged} unchanged, ${i.rejected} rejected`,
  demoSkipped: (kinds) => `not importable yet: ${kinds.join(', ')}`,
};

const zh: CliMessages = {
  errorPrefix: '错误：',
  errorIssue: ({ record, field }, reason) => {
    const where = [record !== undefined ? `记录 ${record}` : '', field ? `字段 ${field}` : ''].filter(
      Boolean,
    );
    return where.length > 0 ? `${where.join('，')}：${reason}` : reason;
  },
  andMore: (count) => `…… 另有 ${count} 条`,
  issuesFollow: '未被接受，原因如下：',
  importing: (kind) => `正在导入 ${kind}`,
  importSummary: (s) =>
    `${s.file}：${importStatusZh[s.status]} — 共 ${s.total} 条，接受 ${s.accepted} 条，未变 ${s.unchanged} 条，拒绝 ${s.rejected} 条（导入任务 ${s.job}）`,
  importIssue: ({ line, field }, reason) => `第 ${line} 行${field ? `，${field} 列` : ''}：${reason}`,
  nothingImported: '未导入任何记录（加 --partial 可只导入其中有效的记录）',
  importWarnings: (count) => `${count} 条警告：记录已导入，请核对以下字段`,
  unknownSource: (id) => ({
    message: `--source ${id}：没有此编号的数据源（用 shuzhi sources add 登记）`,
    reason: '没有此编号的数据源',
  }),
  cannotRead: (file, code) => ({ message: `无法读取 ${file}：${code}`, reason: '无法读取' }),
  sourceRegistered: (s) =>
    `已登记${sourceTypesZh[s.type] ?? s.type}类数据源“${s.name}”，编号 ${s.id}` +
    (s.consumerOnly ? '（仅使用方：不报送数据）' : ''),
  apiKeyShownOnce: (key) => `API 密钥（只显示这一次）：${key}`,
  noApiKeys: (id) => `数据源 ${id} 没有 API 密钥`,
  apiKeyLine: (k) =>
    `${k.id}  ${k.prefix}…  创建于 ${k.createdAt}  最近使用 ${k.lastUsedAt ?? '从未使用'}` +
    (k.revokedAt ? `  已吊销 ${k.revokedAt}` : ''),
  apiKeyRevoked: (keyId, sourceId) => `已吊销数据源 ${sourceId} 的 API 密钥 ${keyId}`,
  apiKeyRotated: (r) => `已为数据源 ${r.sourceId} 签发新的 API 密钥 ${r.id}；${r.revoked} 已吊销`,
  sourceDisabled: (s) => `已停用数据源 ${s.id}“${s.name}”：${s.reason}`,
  sourceEnabled: (s) => `已启用数据源 ${s.id}“${s.name}”`,
  unknownSourceType: (type, types) => ({
    message: `未知的数据源类型“${type}”；应为以下之一：${types.join(', ')}`,
    reason: `应为以下之一：${types.join(', ')}`,
  }),
  positiveWholeNumber: (option, text) => ({
    message: `--${option} ${text}：应为正整数`,
    reason: '应为正整数',
  }),
  instantWithOffset: (option, text) => ({
    message: `--${option} ${text}：应为带时区偏移的 ISO 8601 时间`,
    reason: '应为带时区偏移的 ISO 8601 日期时间，例如 2026-03-05T08:00:00+08:00',
  }),
  minutesAtLeastZero: (text) => ({
    message: `--min-overlap ${text}：应为不小于 0 的分钟数`,
    reason: '应为不小于 0 的分钟数',
  }),
  passwordRequired: { message: '需要密码：--password 或 SHUZHI_NEW_PASSWORD', reason: '必填' },
  unknownRole: (role, roles) => ({
    message: `未知的角色“${role}”；应为以下之一：${roles.join(', ')}`,
    reason: `应为以下之一：${roles.join(', ')}`,
  }),
  userCreated: (u) =>
    `已创建${rolesZh[u.role] ?? u.role}账号 ${u.username}（${u.id}）` +
    (u.sourceId ? `，以数据源 ${u.sourceId} 的名义报送` : ''),
  userSourceSet: (username, sourceId) => `${username} 现以数据源 ${sourceId} 的名义报送`,
  migrated: (database, applied, total) =>
    applied.length === 0
      ? `${database}：已是最新（共 ${total} 个迁移）`
      : `${database}：已应用 ${applied.join(', ')}`,
  verifying: '正在校验',
  auditIntact: (entries) => `审计日志完整：已校验 ${entries} 条`,
  auditBroken: (b) => `审计日志在第 ${b.seq} 条处断裂：${b.message}（此前已校验 ${b.entries} 条）`,
  linkageSummary: (l) =>
    `共 ${l.persons} 人，来自 ${l.records} 条数据源记录（其中 ${l.linked} 人关联了不止一条记录）`,
  traceSummary: (t) => [
    `病例 ${t.caseId}，时间窗 ${t.from} – ${t.to}`,
    `密切接触者：${t.close} 人（${t.closeExposures} 次暴露）`,
    `次密切接触者：${t.secondary} 人（${t.secondaryExposures} 次暴露）`,
  ],
  topPlacesHeading: '判定接触者最多的场所：',
  topPlace: (p) => `${p.kind} ${p.place}：密接 ${p.close} 人，次密接 ${p.secondary} 人 — ${p.share} %`,
  demoCity: (d) =>
    `演示城市：${d.people} 名居民，${d.days} 天，${d.infections} 例感染${d.outDir ? `；文件在 ${d.outDir}` : ''}`,
  demoImported: (i) =>
    `${i.kind.padEnd(12)} ${i.file.padEnd(28)} 导入 ${i.accepted} 条，未变 ${i.unchanged} 条，拒绝 ${i.rejected} 条`,
  demoSkipped: (kinds) => `暂不能导入：${kinds.join(', ')}`,
};

export function messagesIn(language: CliLanguage): CliMessages {
  return language === 'zh-CN' ? zh : en;
}

/**
 * A reason in the reader's language: by its code from the hub's table when it has one the table knows;
 * otherwise as given (in English: a service's message that has no code yet).
 */
export function reasonIn(
  language: CliLanguage,
  issue: { reason: string; code?: string | undefined; params?: ReasonParams | undefined },
): string {
  if (language === 'en' || !isReasonCode(issue.code)) return issue.reason;
  return reasonTextIn('zh-CN', issue.code, issue.params);
}

/** Whether a code is one of the hub's table of both languages. */
export function isReasonCode(code: string | undefined): code is ReasonCode {
  return code !== undefined && Object.hasOwn(reasonTexts, code);
}
