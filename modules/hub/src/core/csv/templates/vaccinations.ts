/** Vaccinations for sources without FHIR: a dose and its person per row, as a FHIR Immunization would give. */
import type { PersonRecord, VaccinationRecord } from '../../records.js';
import { codeSystems } from '../../terminology.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign, personColumns, personFromRow } from './person-columns.js';

export const vaccinationsTemplate: CsvTemplate<PersonRecord | VaccinationRecord> = {
  id: 'vaccinations',
  title: { 'zh-CN': '疫苗接种', en: 'Vaccinations' },
  description: {
    'zh-CN':
      '每行一剂次接种及受种者：疫苗代码（默认 CVX 代码体系，可在 vaccine_system 列指定其他体系 URI）、剂次、接种日期和批号。',
    en: 'One dose and its person per row: vaccine code (CVX unless vaccine_system names another code system URI), dose number, date and lot.',
  },
  columns: [
    column('vaccination_id', true, { kind: 'text', maxLength: 64 }, [
      '接种记录编号',
      'Vaccination id',
      'IM-2021-118802',
    ]),
    ...personColumns,
    column('vaccine_code', true, { kind: 'text', maxLength: 64 }, ['疫苗代码', 'Vaccine code', '511']),
    column(
      'vaccine_system',
      false,
      { kind: 'text', pattern: /^(https?:\/\/|urn:)\S+$/, patternHint: 'a code system URI' },
      ['疫苗代码体系 URI（默认 CVX）', 'Vaccine code system URI (default CVX)', ''],
    ),
    column('dose_number', false, { kind: 'integer', min: 1, max: 10 }, ['剂次', 'Dose number', '2']),
    column('vaccinated_on', true, { kind: 'date' }, [
      '接种日期 YYYY-MM-DD',
      'Vaccination date YYYY-MM-DD',
      '2021-08-20',
    ]),
    column('lot_number', false, { kind: 'text', maxLength: 64 }, ['批号', 'Lot number', '202107A12']),
  ],
  optionalTrailingColumns: 0,
  toRecords(row, context) {
    const who = personFromRow(row, context);
    if ('errors' in who) return who;
    const vaccination: VaccinationRecord = {
      kind: 'vaccination',
      sourceRecordId: row.requiredText('vaccination_id'),
      subject: who.subject,
      status: 'completed',
      vaccine: {
        system: row.text('vaccine_system') ?? codeSystems.cvx,
        code: row.requiredText('vaccine_code'),
      },
      occurred: row.requiredText('vaccinated_on'),
    };
    assign(vaccination, 'doseNumber', row.number('dose_number'));
    assign(vaccination, 'lotNumber', row.text('lot_number'));
    return [who.person, vaccination];
  },
};
