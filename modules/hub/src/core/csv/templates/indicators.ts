/** Indicator counts for early warning: `area,indicator,date,count` (the surveillance input format of DESIGN.md). */
import type { IndicatorRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';

export const indicatorsTemplate: CsvTemplate<IndicatorRecord> = {
  id: 'indicators',
  title: { 'zh-CN': '监测指标日计数', en: 'Indicator counts' },
  description: {
    'zh-CN': '每行一个地区一项指标一天的计数（如发热门诊就诊数、退热药销量），用于异常探测预警。',
    en: 'One count of one indicator in one area on one day per row (fever-clinic visits, antipyretic sales…), for aberration detection.',
  },
  columns: [
    column('area', true, { kind: 'text', maxLength: 32 }, [
      '地区（GB/T 2260 代码）',
      'Area (GB/T 2260 code)',
      '430202',
    ]),
    column(
      'indicator',
      true,
      {
        kind: 'text',
        maxLength: 64,
        pattern: /^[a-z0-9_.-]+$/,
        patternHint: 'lower-case letters, digits, _ . -',
      },
      ['指标名称', 'Indicator name', 'fever_clinic_visits'],
    ),
    column('date', true, { kind: 'date' }, ['日期 YYYY-MM-DD', 'Date YYYY-MM-DD', '2022-03-05']),
    column('count', true, { kind: 'integer', min: 0 }, [
      '计数（非负整数）',
      'Count (whole number, 0 or more)',
      '37',
    ]),
  ],
  optionalTrailingColumns: 0,
  moreExamples: [['430202', 'fever_clinic_visits', '2022-03-06', '41']],
  toRecords: (row) => [
    {
      kind: 'indicator',
      area: row.requiredText('area'),
      indicator: row.requiredText('indicator'),
      date: row.requiredText('date'),
      count: row.requiredNumber('count'),
    },
  ],
};
