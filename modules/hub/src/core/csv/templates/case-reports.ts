/** Case reports (传染病报告卡) for sources without FHIR: a diagnosis and its person per row, as a FHIR Condition would give. */
import type { CaseClassification, DiagnosisRecord, PersonRecord } from '../../records.js';
import { coded } from '../../reasons.js';
import { caseClassifications, classificationConflict, codeSystems } from '../../terminology.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign, personColumns, personFromRow } from './person-columns.js';

export const caseReportsTemplate: CsvTemplate<PersonRecord | DiagnosisRecord> = {
  id: 'case-reports',
  title: { 'zh-CN': '病例报告', en: 'Case reports' },
  description: {
    'zh-CN':
      '每行一份病例报告及患者。诊断用 ICD-10 代码（U07.1 确诊、检出病毒；U07.2 临床诊断或疑似）；分类为 confirmed（确诊）、clinical（临床诊断）、suspected（疑似）或 asymptomatic（无症状感染者）。',
    en: 'One case report and its patient per row. The diagnosis is an ICD-10 code (U07.1 virus identified; U07.2 clinically diagnosed or suspected); the class is confirmed, clinical, suspected or asymptomatic.',
  },
  columns: [
    column('report_id', true, { kind: 'text', maxLength: 64 }, ['报告卡编号', 'Report id', 'CR-2022-000017']),
    ...personColumns,
    column(
      'diagnosis_code',
      true,
      { kind: 'text', pattern: /^[A-Z]\d{2}(\.\d{1,2})?$/, patternHint: 'an ICD-10 code such as U07.1' },
      ['诊断 ICD-10 代码', 'Diagnosis ICD-10 code', 'U07.1'],
    ),
    column('classification', true, { kind: 'choice', values: caseClassifications }, [
      '病例分类',
      'Case class',
      'confirmed',
    ]),
    column('onset_date', false, { kind: 'date' }, [
      '发病日期（无症状者留空）',
      'Symptom onset date (empty if asymptomatic)',
      '2022-03-03',
    ]),
    column('diagnosed_at', true, { kind: 'instant' }, [
      '诊断时间（带时区）',
      'Diagnosis time (with offset)',
      '2022-03-05T21:00:00+08:00',
    ]),
  ],
  optionalTrailingColumns: 0,
  toRecords(row, context) {
    const who = personFromRow(row, context);
    if ('errors' in who) return who;
    const code = row.requiredText('diagnosis_code');
    const classification = row.requiredText('classification') as CaseClassification;
    const conflict = classificationConflict(code, classification);
    if (conflict) return { errors: [{ column: 'classification', ...conflict }] };
    if (classification === 'asymptomatic' && row.text('onset_date') !== undefined) {
      return { errors: [{ column: 'onset_date', ...coded('asymptomatic-onset') }] };
    }
    const diagnosis: DiagnosisRecord = {
      kind: 'diagnosis',
      sourceRecordId: row.requiredText('report_id'),
      subject: who.subject,
      code: { system: codeSystems.icd10, code },
      classification,
      clinicalStatus: 'active',
      verificationStatus: classification === 'suspected' ? 'provisional' : 'confirmed',
      recordedAt: row.requiredText('diagnosed_at'),
    };
    assign(diagnosis, 'onset', row.text('onset_date'));
    return [who.person, diagnosis];
  },
};
