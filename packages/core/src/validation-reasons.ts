/**
 * The reasons a Zod schema gives for a field it refuses (a form's or an API body's), with stable codes and
 * their texts in English and Simplified Chinese: the kinds of check Zod makes that the hub's reason table
 * (modules/hub core/reasons.ts, which takes these in) has no code for, and the schemas' own messages. They
 * live here, below identity and the hub, so that `fieldIssuesOfZod` (zod-issues.ts) can code the issues of
 * any module's schema and the API gives each issue's Chinese by its code.
 */

export const validationReasonTexts = {
  // Kinds of check (zod-issues.ts), where the hub's table has none.
  'too-short': 'at least {{min}} characters',
  'exact-length': 'exactly {{length}} characters',
  'too-few': 'at least {{min}} items',
  'too-many': 'at most {{max}} items',
  'greater-than': 'must be greater than {{min}}',
  'less-than': 'must be less than {{max}}',
  'multiple-of': 'must be a multiple of {{divisor}}',
  'type-array': 'must be a list',
  'type-object': 'must be an object',
  'wrong-type': 'must be of type {{expected}}',
  'iso-date-time': 'must be an ISO 8601 date-time, e.g. 2022-03-05T08:30:00+08:00',
  'iso-time': 'must be a time hh:mm[:ss]',
  'string-format': 'must be a valid {{format}}',
  'pattern-mismatch': 'is not in the expected form',
  'unknown-fields': 'unknown fields: {{keys}}',
  invalid: 'is not valid',
  // The schemas' own messages, each the English a schema gives (schemaMessage), read back to its code.
  'username-form': 'lower-case letters, digits, dot, dash and underscore',
  'area-code-digits': 'a GB/T 2260 area code (2–12 digits)',
  'area-code-short': 'a GB/T 2260 area code',
  'account-source-required': 'a data_source account submits as one registered data source: required',
  'account-source-role': 'only a data_source account is bound to a data source, not role {{role}}',
  'source-id-form': 'letters, digits, dash and underscore (2–64)',
  'give-reason': 'give a reason',
  'give-reason-min': 'give a reason (at least {{min}} characters)',
  'legal-basis-min': 'state the legal basis (at least {{min}} characters)',
  'datasets-none': 'at least one dataset',
  'dataset-not-served': '{{dataset}} is not served to consumers (no route or feed topic carries it)',
  'dataset-unknown': 'unknown dataset; one of {{values}}',
  'purpose-platform-own':
    "{{purpose}} is the platform's own purpose, not one to share data for; one of {{values}}",
  'agreement-purpose-unknown': 'unknown purpose; one of {{values}}',
  'after-valid-from': 'must be after validFrom',
  // The services' own checks after the schema's (a name taken, an unknown source, an expiry passed).
  'already-taken': 'already taken',
  'data-source-unknown': 'unknown data source',
  'expiry-past': 'must be in the future (after {{now}})',
} as const satisfies Record<string, string>;

export type ValidationReasonCode = keyof typeof validationReasonTexts;

export const validationReasonTextsZh: Record<ValidationReasonCode, string> = {
  'too-short': '至少 {{min}} 个字符',
  'exact-length': '必须正好 {{length}} 个字符',
  'too-few': '至少选择 {{min}} 项',
  'too-many': '至多 {{max}} 项',
  'greater-than': '必须大于 {{min}}',
  'less-than': '必须小于 {{max}}',
  'multiple-of': '必须是 {{divisor}} 的倍数',
  'type-array': '必须是列表',
  'type-object': '必须是对象',
  'wrong-type': '类型不正确，应为 {{expected}}',
  'iso-date-time': '必须是 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
  'iso-time': '必须是时间 hh:mm[:ss]',
  'string-format': '必须是有效的 {{format}}',
  'pattern-mismatch': '格式不正确',
  'unknown-fields': '无法识别的字段：{{keys}}',
  invalid: '无效',
  'username-form': '只能用小写字母、数字、点、连字符和下划线',
  'area-code-digits': '应为 GB/T 2260 行政区划代码（2–12 位数字）',
  'area-code-short': '应为 GB/T 2260 行政区划代码',
  'account-source-required': '数据源账号须以一个已登记的数据源身份报送：必填',
  'account-source-role': '只有数据源（data_source）账号才绑定数据源，角色 {{role}} 不绑定',
  'source-id-form': '只能用字母、数字、连字符和下划线（2–64 个）',
  'give-reason': '请填写原因',
  'give-reason-min': '请填写原因（至少 {{min}} 个字符）',
  'legal-basis-min': '请说明法律依据（至少 {{min}} 个字符）',
  'datasets-none': '至少选择一个数据集',
  'dataset-not-served': '数据集 {{dataset}} 不向使用方提供（没有路由或订阅主题承载它）',
  'dataset-unknown': '未知数据集；应为以下之一：{{values}}',
  'purpose-platform-own': '{{purpose}} 是平台自身的用途，不能据此共享数据；应为以下之一：{{values}}',
  'agreement-purpose-unknown': '未知用途；应为以下之一：{{values}}',
  'after-valid-from': '必须晚于生效时间（validFrom）',
  'already-taken': '已被占用',
  'data-source-unknown': '未知数据源',
  'expiry-past': '必须是将来的时间（晚于 {{now}}）',
};

/**
 * The codes of the hub's reason table that `fieldIssuesOfZod` also gives (a required field, a number out of
 * range, a value not among the allowed): the hub checks at compile time that its table has each of them.
 */
export const commonValidationCodes = [
  'required',
  'too-long',
  'at-least',
  'at-most',
  'one-of',
  'number',
  'whole-number',
  'boolean',
  'json-string',
  'calendar-date',
] as const;
export type CommonValidationCode = (typeof commonValidationCodes)[number];

/** A code `fieldIssuesOfZod` may give: one of the hub's common codes or one of this file's. */
export type ZodReasonCode = CommonValidationCode | ValidationReasonCode;

/** The codes of the schemas' own messages: the only texts `fieldIssuesOfZod` reads back to a code. */
const schemaMessageCodes = [
  'username-form',
  'area-code-digits',
  'area-code-short',
  'account-source-required',
  'account-source-role',
  'source-id-form',
  'give-reason',
  'give-reason-min',
  'legal-basis-min',
  'datasets-none',
  'dataset-not-served',
  'dataset-unknown',
  'purpose-platform-own',
  'agreement-purpose-unknown',
  'after-valid-from',
] as const satisfies readonly ValidationReasonCode[];
export type SchemaMessageCode = (typeof schemaMessageCodes)[number];

export type ValidationParams = Record<string, string | number>;

function fill(template: string, params: ValidationParams | undefined): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    params && name in params ? String(params[name]) : whole,
  );
}

/** The text of a validation reason in a language, its `{{name}}` placeholders filled with the parameters. */
export function validationReasonText(
  language: 'en' | 'zh-CN',
  code: ValidationReasonCode,
  params?: ValidationParams,
): string {
  return fill((language === 'en' ? validationReasonTexts : validationReasonTextsZh)[code], params);
}

/**
 * The English message a schema gives for a check (`z.string().min(5, schemaMessage('legal-basis-min', {
 * min: 5 }))`): Zod keeps only a message on an issue, so `fieldIssuesOfZod` reads the message back to this
 * code and its parameters, and the API gives its Chinese.
 */
export function schemaMessage(code: SchemaMessageCode, params?: ValidationParams): string {
  return validationReasonText('en', code, params);
}

/**
 * Reads a text back to the code whose template (`{{name}}` for each parameter) it was made from, with the
 * parameters: each template becomes a pattern, the most literal first ('must be a number' is `number`, not a
 * pattern with a hint in it). One reader for every table of templates.
 */
export function templateReader<C extends string>(
  texts: Readonly<Record<C, string>>,
  codes: readonly C[],
): (text: string) => { code: C; params?: Record<string, string> } | undefined {
  const patterns = codes
    .map((code) => {
      const template: string = texts[code];
      const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
      const literal = template
        .split(/\{\{\w+\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return {
        code,
        names,
        pattern: new RegExp(`^${literal.join('(.+?)')}$`),
        weight: literal.join('').length,
      };
    })
    .sort((a, b) => b.weight - a.weight);
  return (text) => {
    for (const { code, names, pattern } of patterns) {
      const match = pattern.exec(text);
      if (!match) continue;
      if (names.length === 0) return { code };
      return { code, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) };
    }
    return undefined;
  };
}

const readSchemaMessage = templateReader(validationReasonTexts, schemaMessageCodes);

/** The code and parameters of a message a schema gave with `schemaMessage`; undefined for any other text. */
export function schemaMessageCodeOf(
  message: string,
): { code: SchemaMessageCode; params?: ValidationParams } | undefined {
  return readSchemaMessage(message);
}

/** A service's own refusal of a field with its code: `{ field, ...codedValidationReason('already-taken') }`. */
export function codedValidationReason(
  code: ValidationReasonCode,
  params?: ValidationParams,
): { reason: string; code: ValidationReasonCode; params?: ValidationParams } {
  const reason = validationReasonText('en', code, params);
  return params === undefined ? { reason, code } : { reason, code, params };
}
