import { describe, expect, it } from 'vitest';
import { parseField } from './csv/column-parsers.js';
import type { ColumnType } from './csv/csv-template.js';
import { validateResource } from './fhir/validate-resource.js';
import { csvTemplates } from './csv/templates/index.js';
import {
  coded,
  codedReasonOf,
  patternHintsZh,
  reasonCodes,
  reasonTextIn,
  reasonTexts,
  reasonTextsZh,
  reasonZhOf,
} from './reasons.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('coded reasons', () => {
  it('fill the English text with the parameters and keep them beside it', () => {
    expect(coded('at-least', { min: 3 })).toEqual({
      reason: 'must be at least 3',
      code: 'at-least',
      params: { min: 3 },
    });
    expect(coded('required')).toEqual({ reason: 'is required', code: 'required' });
  });

  it('name every parameter their text takes, in kebab-case codes', () => {
    for (const code of reasonCodes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(reasonTexts['not-before']).toContain('{{other}}');
  });

  it('come with every refusal of a CSV field', () => {
    const refusals: [ColumnType, string][] = [
      [{ kind: 'text', maxLength: 2 }, 'abc'],
      [{ kind: 'text', pattern: /^\d+$/, patternHint: 'digits' }, 'x'],
      [{ kind: 'instant' }, '2022-03-05'],
      [{ kind: 'date' }, '2022-02-30'],
      [{ kind: 'integer' }, '1.5'],
      [{ kind: 'integer', min: 1 }, '0'],
      [{ kind: 'decimal', max: 45 }, '46.5'],
      [{ kind: 'decimal' }, 'warm'],
      [{ kind: 'choice', values: ['a', 'b'] }, 'c'],
      [{ kind: 'boolean' }, 'maybe'],
      [{ kind: 'sex' }, 'robot'],
      [{ kind: 'resident-id' }, '12345'],
      [{ kind: 'passport' }, 'E1234'],
      [{ kind: 'passport' }, 'ZZ:E12345678'],
      [{ kind: 'passport' }, 'CN:E1'],
      [{ kind: 'phone' }, 'call me'],
      [{ kind: 'area-code' }, '430'],
      [{ kind: 'country' }, 'Atlantis'],
    ];
    for (const [type, text] of refusals) {
      const parsed = parseField(text, type);
      expect([type.kind, 'code' in parsed && reasonCodes.includes(parsed.code)]).toEqual([type.kind, true]);
    }
  });

  it('come with the refusals of FHIR elements', () => {
    const validation = validateResource(
      {
        resourceType: 'Observation',
        status: 'done',
        code: { coding: [{ code: '94500-6' }] },
        subject: { reference: 'Location/1' },
        effectiveDateTime: 'yesterday',
      },
      { sourceId: 'lab' },
    );
    expect(validation.ok).toBe(false);
    expect(
      validation.issues.filter((i) => i.severity === 'error').map((i) => [i.expression, i.reasonCode]),
    ).toEqual([
      ['Observation.status', 'one-of'],
      ['Observation.code.coding[0].system', 'coding-system-required'],
      ['Observation.code.coding', 'loinc-coding'],
      ['Observation.subject.reference', 'reference-type'],
      ['Observation.effectiveDateTime', 'fhir-date-time'],
    ]);
  });

  it('are found again from their English text alone, with their parameters', () => {
    for (const code of reasonCodes) {
      const names = [...reasonTexts[code].matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((name, i) => [name, `V${i}:${name}`]));
      const reason = coded(code, names.length > 0 ? params : undefined);
      const found = codedReasonOf(reason.reason);
      // Two codes of one text (a CSV field's and a FHIR element's `must be true or false`) say the same.
      expect([code, found && { ...found, code: reasonTexts[found.code] }]).toEqual([
        code,
        { ...reason, code: reasonTexts[code] },
      ]);
    }
  });

  it('find the code of a reason written without one, and none for a text no code has', () => {
    expect(
      codedReasonOf('Patient/ghost is not known to the hub; send the Patient first or in the same Bundle'),
    ).toMatchObject({ code: 'patient-unknown', params: { id: 'ghost' } });
    expect(codedReasonOf('must be a number')).toMatchObject({ code: 'number' });
    expect(codedReasonOf('must be one of a, b')).toMatchObject({
      code: 'one-of',
      params: { values: 'a, b' },
    });
    expect(codedReasonOf('the disk is full')).toBeUndefined();
  });

  it('say in Chinese what they say in English, with the same parameters', () => {
    for (const code of reasonCodes) {
      expect([code, reasonTextsZh[code].trim() !== '']).toEqual([code, true]);
      expect([code, placeholders(reasonTextsZh[code])]).toEqual([code, placeholders(reasonTexts[code])]);
    }
  });

  it('translate the pattern hint of every CSV template, and the problems a header is refused for', () => {
    const hints = csvTemplates.flatMap((t) =>
      t.columns.flatMap((c) => (c.type.kind === 'text' && c.type.patternHint ? [c.type.patternHint] : [])),
    );
    expect(hints.length).toBeGreaterThan(3);
    for (const hint of hints) expect([hint, hint in patternHintsZh]).toEqual([hint, true]);
    expect(reasonTextIn('zh-CN', 'pattern', { hint: 'an ICD-10 code such as U07.1' })).toBe(
      '格式应为：ICD-10 编码，如 U07.1',
    );
    expect(reasonTextIn('zh-CN', 'pattern', { hint: 'like ^\\d+$' })).toBe('格式应为：形如 ^\\d+$');
    expect(
      reasonTextIn('zh-CN', 'csv-header', { expected: 'a,b', problems: 'missing a; unknown (empty), c' }),
    ).toBe('表头应为 a,b：缺少 a；无法识别 （空）, c');
  });

  it('give the Chinese of a reason stored in English only, and none for a text no code has', () => {
    expect(reasonZhOf({ reason: 'the disk is full: nothing of this file was stored' })).toBe(
      '磁盘已满：此文件的内容均未保存',
    );
    expect(reasonZhOf({ reason: 'the data source src_x is disabled' })).toBe('数据源 src_x 已停用');
    expect(reasonZhOf(coded('trip-mode', { trip: 'G1234', mode: 'train' }))).toBe(
      '行程 G1234 已登记为 train 行程',
    );
    // The record store's refusal by source type (records/submitted-records.ts), written without a code.
    expect(
      reasonZhOf({
        reason:
          'a pharmacy data source does not submit Condition records; it submits Patient, MedicationDispense',
      }),
    ).toBe('药店类数据源不报送 Condition 记录；它报送的是 Patient, MedicationDispense');
    expect(
      reasonZhOf({
        reason: 'a venue data source does not submit Condition records; it submits no records here',
      }),
    ).toBe('公共场所类数据源不报送 Condition 记录；此处不接收它报送的任何记录');
    expect(
      reasonZhOf({
        reason:
          "urn:shuzhi:source:lab2 is another data source's record system; name a person by this source's own urn:shuzhi:source:lab1, a resident ID or a passport",
      }),
    ).toBe(
      'urn:shuzhi:source:lab2 是另一个数据源的记录体系；请用本数据源自己的 urn:shuzhi:source:lab1、居民身份证号或护照指明人员',
    );
    expect(reasonZhOf({ reason: 'entries of a batch cannot refer to each other; use a transaction' })).toBe(
      'batch 类型 Bundle 的条目之间不能相互引用；请改用 transaction',
    );
    expect(reasonZhOf({ reason: 'something no code says' })).toBeUndefined();
  });
});
