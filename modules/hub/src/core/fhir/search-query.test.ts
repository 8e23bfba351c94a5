import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instantBounds,
  matchesDateFilter,
  parseDateFilter,
  parseSearchQuery,
  type DateFilter,
} from './search-query.js';
import { reasonTextIn } from '../reasons.js';

const utc8 = (text: string) => Date.parse(text);

describe('FHIR search parameters', () => {
  it('parse identifier, subject, code, date, _lastUpdated and _count into a typed query', () => {
    const parse = parseSearchQuery(
      'Observation',
      'identifier=urn:shuzhi:source:lab-7|R-1&subject=Patient/pat-1&code=http://loinc.org|94500-6,http://loinc.org|94558-4' +
        '&date=ge2022-03&date=lt2022-03-05T12:00%2B08:00&_lastUpdated=gt2022-03-01&_count=20',
    );
    expect(parse.ok).toBe(true);
    if (!parse.ok) return;
    expect(parse.query.tokens).toEqual({
      identifier: [[{ system: 'urn:shuzhi:source:lab-7', code: 'R-1' }]],
      code: [
        [
          { system: 'http://loinc.org', code: '94500-6' },
          { system: 'http://loinc.org', code: '94558-4' },
        ],
      ],
    });
    expect(parse.query.references).toEqual({ subject: [[{ resourceType: 'Patient', id: 'pat-1' }]] });
    expect(parse.query.dates.date?.map((d) => [d.prefix, d.range.start])).toEqual([
      ['ge', utc8('2022-03-01T00:00:00+08:00')],
      ['lt', utc8('2022-03-05T12:00:00+08:00')],
    ]);
    expect(parse.query.dates._lastUpdated?.[0]?.range).toEqual({
      start: utc8('2022-03-01T00:00:00+08:00'),
      end: utc8('2022-03-02T00:00:00+08:00'),
    });
    expect(parse.query.count).toBe(20);
  });

  it('read an unencoded + in an offset, which a query string turns into a space', () => {
    const parse = parseSearchQuery('Observation', 'date=ge2022-03-05T12:00+08:00');
    expect(parse.ok && parse.query.dates.date?.[0]?.range.start).toBe(utc8('2022-03-05T12:00:00+08:00'));
  });

  it('distinguish the token forms: code, |code, system|, system|code', () => {
    const parse = parseSearchQuery(
      'Patient',
      'identifier=E1&identifier=|E2&identifier=urn:shuzhi:id:passport|&_id=a',
    );
    expect(parse.ok && parse.query.tokens.identifier).toEqual([
      [{ code: 'E1' }],
      [{ system: null, code: 'E2' }],
      [{ system: 'urn:shuzhi:id:passport' }],
    ]);
  });

  it('read subject by type modifier, bare id, or identifier', () => {
    const parse = parseSearchQuery(
      'Condition',
      'subject:Patient=p1&patient=p2&subject:identifier=urn:shuzhi:id:cn-resident|11010519491231002X',
    );
    expect(parse.ok && parse.query.references).toEqual({
      subject: [
        [{ resourceType: 'Patient', id: 'p1' }],
        [{ identifier: { system: 'urn:shuzhi:id:cn-resident', code: '11010519491231002X' } }],
      ],
      patient: [[{ resourceType: 'Patient', id: 'p2' }]],
    });
  });

  it('refuse unknown parameters, modifiers and malformed values, naming each', () => {
    const parse = parseSearchQuery('Patient', 'name=zhang&identifier:text=x&_lastUpdated=2022-13&_count=ten');
    expect(parse.ok ? [] : parse.issues.map((i) => i.expression)).toEqual([
      'name',
      'identifier:text',
      '_lastUpdated',
      '_count',
    ]);
    expect(parseSearchQuery('MedicationRequest', '').ok).toBe(false);
  });

  it('give each refusal its reason code, so that a client asking for Chinese reads it in Chinese', () => {
    const parse = parseSearchQuery(
      'Observation',
      'colour=red&code:text=x&date=2022-13&subject=Location/1&subject:Group=1&subject=a%20b&patient=&_count=ten',
    );
    const issues = parse.ok ? [] : parse.issues;
    expect(issues.map((i) => [i.expression, i.reasonCode, i.reasonParams])).toEqual([
      [
        'colour',
        'search-parameter-unknown',
        { type: 'Observation', supported: expect.stringContaining('subject') },
      ],
      ['code:text', 'search-modifier', { modifier: 'text' }],
      ['date', 'search-date', { value: '2022-13', prefixes: 'eq, ne, lt, le, gt, ge, sa, eb' }],
      ['subject', 'reference-type', { types: 'Patient' }],
      ['subject:Group', 'search-reference-modifier', { modifier: 'Group', modifiers: ':Patient' }],
      ['subject', 'search-reference-format', undefined],
      ['patient', 'search-value-required', undefined],
      ['_count', 'search-count', undefined],
    ]);
    // The English stays as it was; each has its Chinese, by its code.
    expect(issues.find((i) => i.expression === 'subject:Group')?.diagnostics).toBe(
      'modifier :Group is not supported (use :Patient or :identifier)',
    );
    expect(issues.map((i) => reasonTextIn('zh-CN', i.reasonCode!, i.reasonParams))).toEqual([
      expect.stringMatching(/^Observation 没有这个检索参数；支持的参数：.*subject/),
      '不支持修饰符 :text',
      expect.stringMatching(/^2022-13 不是日期：/),
      '必须引用 Patient',
      '不支持修饰符 :Group（请用 :Patient 或 :identifier）',
      '格式必须是 类型/id 或 id',
      '检索参数需要取值',
      '_count 必须是整数',
    ]);
    expect(parseSearchQuery('MedicationRequest', '')).toMatchObject({
      issues: [
        {
          reasonCode: 'search-type-unsupported',
          diagnostics: 'searching MedicationRequest is not supported',
        },
      ],
    });
  });

  it('caps the page size', () => {
    const parse = parseSearchQuery('Patient', '_count=100000');
    expect(parse.ok && parse.query.count).toBe(1000);
  });
});

describe('date prefixes (FHIR R4 search.html)', () => {
  const march5 = parseDateFilter('2022-03-05', { zoneOffsetMinutes: 0 }) as DateFilter;
  const day = { start: Date.UTC(2022, 2, 5), end: Date.UTC(2022, 2, 6) };
  const at = (iso: string) => ({ start: Date.parse(iso), end: Date.parse(iso) + 1 });

  it('treat a partial date as the range it covers', () => {
    expect(march5.range).toEqual(day);
    expect(matchesDateFilter(march5, at('2022-03-05T23:59:59Z'))).toBe(true);
    expect(matchesDateFilter(march5, at('2022-03-06T00:00:00Z'))).toBe(false);
    expect(matchesDateFilter({ ...march5, prefix: 'ne' }, at('2022-03-06T00:00:00Z'))).toBe(true);
    expect(matchesDateFilter({ ...march5, prefix: 'gt' }, at('2022-03-05T12:00:00Z'))).toBe(false);
    expect(matchesDateFilter({ ...march5, prefix: 'ge' }, at('2022-03-05T12:00:00Z'))).toBe(true);
    expect(matchesDateFilter({ ...march5, prefix: 'sa' }, at('2022-03-06T00:00:00Z'))).toBe(true);
    expect(
      matchesDateFilter(
        { ...march5, prefix: 'eb' },
        { start: Date.UTC(2022, 2, 4), end: Date.UTC(2022, 2, 5) },
      ),
    ).toBe(true);
  });

  it('give SQL bounds that agree with the prefix rules for every instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'sa', 'eb'),
        fc.integer({ min: Date.UTC(2022, 2, 3), max: Date.UTC(2022, 2, 8) }),
        (prefix, t) => {
          const filter = { ...march5, prefix } as DateFilter;
          const bounds = instantBounds(filter);
          const inside =
            'notFrom' in bounds
              ? t < bounds.notFrom || t >= bounds.notTo
              : (bounds.from === undefined || t >= bounds.from) && (bounds.to === undefined || t < bounds.to);
          expect(inside).toBe(matchesDateFilter(filter, { start: t, end: t + 1 }));
        },
      ),
    );
  });
});
