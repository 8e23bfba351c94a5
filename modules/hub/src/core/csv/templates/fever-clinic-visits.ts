/** Fever-clinic visits (发热门诊就诊记录): a visit and its patient per row, as a FHIR Encounter would give. */
import type { EncounterRecord, PersonRecord } from '../../records.js';
import { codeSystems, feverSnomedCode, feverThresholdCelsius } from '../../terminology.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign, personColumns, personFromRow } from './person-columns.js';

export const feverClinicVisitsTemplate: CsvTemplate<PersonRecord | EncounterRecord> = {
  id: 'fever-clinic-visits',
  title: { 'zh-CN': '发热门诊就诊', en: 'Fever-clinic visits' },
  description: {
    'zh-CN':
      '每行一次发热门诊就诊及患者：就诊时间、体温（℃）、是否发热（留空时按体温 ≥37.3℃ 判断）和症状（以分号分隔）。',
    en: 'One fever-clinic visit and its patient per row: visit time, temperature (°C), fever (when empty, from temperature ≥ 37.3 °C) and symptoms separated by semicolons.',
  },
  columns: [
    column('visit_id', true, { kind: 'text', maxLength: 64 }, ['就诊编号', 'Visit id', 'V-2022-004711']),
    ...personColumns,
    column('visit_at', true, { kind: 'instant' }, [
      '就诊时间（带时区）',
      'Visit time (with offset)',
      '2022-03-05T10:15:00+08:00',
    ]),
    column('temperature_c', false, { kind: 'decimal', min: 30, max: 45 }, [
      '体温（℃）',
      'Temperature (°C)',
      '38.2',
    ]),
    column('fever', false, { kind: 'boolean' }, ['是否发热：true 或 false', 'Fever: true or false', '']),
    column('symptoms', false, { kind: 'list' }, [
      '症状，以分号分隔',
      'Symptoms, separated by semicolons',
      'cough;sore throat',
    ]),
    column('clinic_id', false, { kind: 'text', maxLength: 64 }, [
      '门诊（机构）编号',
      'Clinic id',
      'FC-430202-01',
    ]),
  ],
  optionalTrailingColumns: 0,
  toRecords(row, context) {
    const who = personFromRow(row, context);
    if ('errors' in who) return who;
    const temperature = row.number('temperature_c');
    const fever =
      row.boolean('fever') ?? (temperature === undefined ? undefined : temperature >= feverThresholdCelsius);
    const visit: EncounterRecord = {
      kind: 'encounter',
      sourceRecordId: row.requiredText('visit_id'),
      subject: who.subject,
      status: 'finished',
      encounterClass: 'AMB',
      setting: 'fever-clinic',
      start: row.requiredText('visit_at'),
      reasons: fever ? [{ system: codeSystems.snomed, code: feverSnomedCode, display: 'Fever' }] : [],
      symptoms: row.list('symptoms'),
    };
    assign(visit, 'fever', fever);
    assign(visit, 'temperatureC', temperature);
    assign(visit, 'serviceProvider', row.text('clinic_id'));
    return [who.person, visit];
  },
};
