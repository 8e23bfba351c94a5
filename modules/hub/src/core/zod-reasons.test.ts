import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fieldIssueOfZod,
  refusalReasonTexts,
  schemaMessage,
  validationReasonTexts,
  validationReasonTextsZh,
  zodReasonOf,
  type ZodIssueLike,
} from '@shuzhi/core';
import { newAgreementSchema } from '../sharing/sharing.schema.js';
import { newSourceSchema } from '../sources.schema.js';
import { reasonTextIn, reasonTexts, reasonTextsZh, zodReasonCodes, type ReasonCode } from './reasons.js';

/** The one issue a schema gives for a value, as code, parameters and the text in both languages. */
function reasonOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  const [issue] = result.error.issues;
  const { code, params } = zodReasonOf(issue!);
  return {
    code,
    params,
    en: reasonTextIn('en', code as ReasonCode, params),
    zh: reasonTextIn('zh-CN', code as ReasonCode, params),
  };
}

describe('zod issues as coded reasons', () => {
  it('give a missing field, and an empty string where one character is the least, as required', () => {
    expect(reasonOf(z.object({ a: z.string() }), {})).toMatchObject({ code: 'required', zh: '必填' });
    expect(reasonOf(z.string().min(1, 'required'), '')).toMatchObject({ code: 'required', zh: '必填' });
  });

  it('give a value of the wrong type by the type expected', () => {
    expect(reasonOf(z.string(), 3)).toMatchObject({ code: 'json-string', zh: '必须是字符串' });
    expect(reasonOf(z.number(), 'x')).toMatchObject({ code: 'number', zh: '必须是数字' });
    expect(reasonOf(z.number().int(), 1.5)).toMatchObject({ code: 'whole-number', zh: '必须是整数' });
    expect(reasonOf(z.boolean(), 'yes')).toMatchObject({ code: 'boolean' });
    expect(reasonOf(z.array(z.string()), 'x')).toMatchObject({ code: 'type-array', zh: '必须是列表' });
    expect(reasonOf(z.object({}), 'x')).toMatchObject({ code: 'type-object', zh: '必须是对象' });
    expect(reasonOf(z.null(), 'x')).toMatchObject({
      code: 'wrong-type',
      params: { expected: 'null' },
      zh: '类型不正确，应为 null',
    });
  });

  it('give a string too short or too long with its bound', () => {
    expect(reasonOf(z.string().min(3), 'ab')).toEqual({
      code: 'too-short',
      params: { min: 3 },
      en: 'at least 3 characters',
      zh: '至少 3 个字符',
    });
    expect(reasonOf(z.string().max(4), 'abcde')).toMatchObject({
      code: 'too-long',
      params: { max: 4 },
      zh: '超过 4 个字符',
    });
    expect(reasonOf(z.string().length(2), 'abc')).toMatchObject({
      code: 'exact-length',
      zh: '必须正好 2 个字符',
    });
  });

  it('give a number or a list out of range with its bound', () => {
    expect(reasonOf(z.number().min(1), 0)).toMatchObject({ code: 'at-least', zh: '不得小于 1' });
    expect(reasonOf(z.number().max(720), 721)).toMatchObject({ code: 'at-most', zh: '不得大于 720' });
    expect(reasonOf(z.number().positive(), 0)).toMatchObject({ code: 'greater-than', zh: '必须大于 0' });
    expect(reasonOf(z.number().lt(5), 5)).toMatchObject({ code: 'less-than', zh: '必须小于 5' });
    expect(reasonOf(z.number().multipleOf(5), 7)).toMatchObject({
      code: 'multiple-of',
      zh: '必须是 5 的倍数',
    });
    expect(reasonOf(z.array(z.string()).min(2), ['a'])).toMatchObject({
      code: 'too-few',
      zh: '至少选择 2 项',
    });
    expect(reasonOf(z.array(z.string()).max(1), ['a', 'b'])).toMatchObject({
      code: 'too-many',
      zh: '至多 1 项',
    });
  });

  it('give a malformed date-time, date, pattern or format by what it should be', () => {
    expect(reasonOf(z.iso.datetime({ offset: true }), '')).toMatchObject({
      code: 'iso-date-time',
      zh: '必须是 ISO 8601 日期时间，例如 2022-03-05T08:30:00+08:00',
    });
    expect(reasonOf(z.iso.date(), '2022-13-01')).toMatchObject({ code: 'calendar-date' });
    expect(reasonOf(z.string().regex(/^\d+$/), 'x')).toMatchObject({
      code: 'pattern-mismatch',
      zh: '格式不正确',
    });
    expect(reasonOf(z.email(), 'x')).toMatchObject({
      code: 'string-format',
      params: { format: 'email' },
      zh: '必须是有效的 email',
    });
  });

  it('give a value not among the allowed, and unknown fields, by what is allowed or unknown', () => {
    expect(reasonOf(z.enum(['a', 'b']), 'c')).toEqual({
      code: 'one-of',
      params: { values: 'a, b' },
      en: 'must be one of a, b',
      zh: '必须是以下之一：a, b',
    });
    expect(reasonOf(z.strictObject({}), { x: 1, y: 2 })).toMatchObject({
      code: 'unknown-fields',
      zh: '无法识别的字段：x, y',
    });
    expect(reasonOf(z.union([z.string(), z.number()]), true)).toMatchObject({ code: 'invalid', zh: '无效' });
  });

  it("give a schema's own message the code it was given, with its parameters", () => {
    expect(reasonOf(newAgreementSchema.shape.legalBasis, 'abc')).toEqual({
      code: 'legal-basis-min',
      params: { min: '5' },
      en: 'state the legal basis (at least 5 characters)',
      zh: '请说明法律依据（至少 5 个字符）',
    });
    expect(reasonOf(newAgreementSchema.shape.datasets, ['timeline'])).toMatchObject({
      code: 'dataset-unknown',
      zh: expect.stringMatching(/^未知数据集；应为以下之一：persons, /) as unknown,
    });
    expect(reasonOf(newAgreementSchema.shape.purpose, 'audit')).toMatchObject({
      code: 'purpose-platform-own',
      params: { purpose: 'audit' },
    });
    expect(reasonOf(newSourceSchema.shape.areaCode, '1')).toMatchObject({
      code: 'area-code-short',
      zh: '应为 GB/T 2260 行政区划代码',
    });
    // A refinement's message, coded in the schema too.
    const refined = z.string().refine(() => false, { message: schemaMessage('after-valid-from') });
    expect(reasonOf(refined, 'x')).toMatchObject({ code: 'after-valid-from' });
    // A refinement's message with no code: named generic, its English kept in the field issue.
    const uncoded = z.string().refine(() => false, { message: 'not on a Sunday' });
    expect(reasonOf(uncoded, 'x')).toMatchObject({ code: 'invalid' });
  });

  it("keep the schema's English and name the field in the field issue", () => {
    const result = newAgreementSchema.safeParse({ title: '', legalBasis: '', expiresAt: '' });
    if (result.success) throw new Error('expected a refusal');
    const issues = result.error.issues.map((i) => fieldIssueOfZod(i, 'agreement'));
    expect(issues.find((i) => i.field === 'legalBasis')).toEqual({
      record: 'agreement',
      field: 'legalBasis',
      reason: 'state the legal basis (at least 5 characters)',
      code: 'legal-basis-min',
      params: { min: '5' },
    });
    expect(issues.find((i) => i.field === 'title')).toMatchObject({ reason: 'required', code: 'required' });
    expect(issues.find((i) => i.field === 'expiresAt')).toMatchObject({
      reason: 'Invalid ISO datetime',
      code: 'iso-date-time',
    });
    expect(issues.every((i) => i.code !== undefined)).toBe(true);
  });

  it('read an issue as the route-schema validation passes it on (details beside the code)', () => {
    const passedOn: ZodIssueLike = {
      code: 'too_small',
      path: ['name'],
      message: 'x',
      ...{ origin: 'string', minimum: 4 },
    };
    expect(zodReasonOf(passedOn)).toEqual({ code: 'too-short', params: { min: 4 } });
  });

  it('keep their texts in the hub’s table as defined, none overridden by another code of the same name', () => {
    for (const code of Object.keys(validationReasonTexts) as (keyof typeof validationReasonTexts)[]) {
      expect(reasonTexts[code], code).toBe(validationReasonTexts[code]);
      expect(reasonTextsZh[code], code).toBe(validationReasonTextsZh[code]);
      expect(Object.hasOwn(refusalReasonTexts, code), code).toBe(false);
    }
  });

  it('only give codes with a text in both languages', () => {
    for (const code of zodReasonCodes) {
      expect(reasonTexts[code], code).toBeTruthy();
      expect(reasonTextsZh[code], code).toBeTruthy();
    }
  });
});
