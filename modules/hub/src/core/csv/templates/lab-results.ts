/** Laboratory results for sources without FHIR: a result and its person per row, as a FHIR Observation would give. */
import type { LabResultRecord, PersonRecord, TestResult } from '../../records.js';
import { codeSystems, loincCodePattern, sarsCov2Tests, testKindOf } from '../../terminology.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign, personColumns, personFromRow } from './person-columns.js';
import { coded } from '../../reasons.js';

export const labResultsTemplate: CsvTemplate<PersonRecord | LabResultRecord> = {
  id: 'lab-results',
  title: { 'zh-CN': '检验结果', en: 'Laboratory results' },
  description: {
    'zh-CN':
      '每行一份检验结果及受检者。检验项目用 LOINC 代码（94500-6 核酸 PCR，94558-4 抗原，其他项目亦可）；受检者至少填写本单位编号、身份证号或护照之一。时间须带时区。',
    en: 'One result and its person per row. The test is a LOINC code (94500-6 SARS-CoV-2 PCR, 94558-4 antigen, others accepted); give at least one of person_source_id, resident_id or passport. Times carry an offset.',
  },
  columns: [
    column('result_id', true, { kind: 'text', maxLength: 64 }, [
      '检验结果编号（本单位内唯一）',
      'Result id (unique within your lab)',
      'R-2022-000001',
    ]),
    ...personColumns,
    column(
      'test_code',
      true,
      { kind: 'text', pattern: loincCodePattern, patternHint: 'a LOINC code such as 94500-6' },
      ['检验项目 LOINC 代码', 'Test LOINC code', '94500-6'],
    ),
    column('specimen_collected_at', true, { kind: 'instant' }, [
      '采样时间（带时区）',
      'Specimen collection time (with offset)',
      '2022-03-05T08:10:00+08:00',
    ]),
    column('resulted_at', false, { kind: 'instant' }, [
      '报告时间（带时区）',
      'Result time (with offset)',
      '2022-03-05T20:30:00+08:00',
    ]),
    column('result', true, { kind: 'choice', values: ['positive', 'negative', 'indeterminate'] }, [
      '结果：positive（阳性）、negative（阴性）或 indeterminate（不确定）',
      'Result: positive, negative or indeterminate',
      'negative',
    ]),
    column('ct_value', false, { kind: 'decimal', min: 0, max: 50 }, [
      'Ct 值（核酸检测，可选）',
      'Ct value (PCR, optional)',
      '',
    ]),
    column('lab_id', false, { kind: 'text', maxLength: 64 }, ['检测机构编号', 'Laboratory id', 'LAB-01']),
  ],
  optionalTrailingColumns: 0,
  toRecords(row, context) {
    const who = personFromRow(row, context);
    if ('errors' in who) return who;
    const code = row.requiredText('test_code');
    const collected = row.requiredText('specimen_collected_at');
    const resulted = row.text('resulted_at');
    if (resulted !== undefined && resulted < collected) {
      return {
        errors: [{ column: 'resulted_at', ...coded('not-before', { other: 'specimen_collected_at' }) }],
      };
    }
    const display = sarsCov2Tests[code]?.display;
    const result: LabResultRecord = {
      kind: 'lab-result',
      sourceRecordId: row.requiredText('result_id'),
      subject: who.subject,
      status: 'final',
      test: display ? { system: codeSystems.loinc, code, display } : { system: codeSystems.loinc, code },
      testKind: testKindOf(code),
      result: row.requiredText('result') as TestResult,
      specimenCollectedAt: collected,
    };
    assign(result, 'resultedAt', resulted);
    const ct = row.number('ct_value');
    if (ct !== undefined) result.valueQuantity = { value: ct, unit: 'Ct' };
    assign(result, 'performer', row.text('lab_id'));
    return [who.person, result];
  },
};
