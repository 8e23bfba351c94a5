/**
 * The person columns shared by the clinical templates (lab results, case reports, fever-clinic visits,
 * vaccinations), and their conversion to the same PersonRecord and subject a FHIR Patient gives.
 */
import {
  defaultIdentifierSystems,
  residentIdProblemReason,
  sourceRecordSystem,
  type Identifier,
} from '../../identifiers/identifier-systems.js';
import { checkResidentId, composeResidentId, type ResidentIdProblem } from '../../identifiers/resident-id.js';
import type { PersonRecord, Sex, SubjectReference } from '../../records.js';
import { column, type ColumnSpec, type CsvImportContext } from '../csv-template.js';
import type { ParsedRow } from '../parsed-row.js';
import { coded, type CodedReason } from '../../reasons.js';

export const exampleResidentId = composeResidentId('430202', '1985-03-12', '123');

export const personColumns: readonly ColumnSpec[] = [
  column('person_source_id', false, { kind: 'text', maxLength: 64 }, [
    '本单位系统中此人的编号',
    'The person’s id in your own system',
    'PAT-000123',
  ]),
  column('resident_id', false, { kind: 'resident-id' }, [
    '居民身份证号码（18位）；留空则保留此前报送的号码',
    'Resident identity card number (18 characters); left empty, the one sent before is kept',
    exampleResidentId,
  ]),
  column('passport', false, { kind: 'passport' }, [
    '护照：国家代码:号码，如 CHN:E12345678；留空则保留此前报送的护照',
    'Passport as COUNTRY:NUMBER, e.g. CHN:E12345678; left empty, the one sent before is kept',
    '',
  ]),
  column('name', true, { kind: 'text', maxLength: 100 }, [
    '姓名（汉字或拼音）',
    'Name (Chinese characters or Latin letters)',
    '张晓明',
  ]),
  column('sex', false, { kind: 'sex' }, [
    '性别：male、female、other 或 unknown（也可写 男/女）',
    'Sex: male, female, other or unknown',
    'male',
  ]),
  column('birth_date', false, { kind: 'date' }, [
    '出生日期 YYYY-MM-DD',
    'Birth date YYYY-MM-DD',
    '1985-03-12',
  ]),
  column('phone', false, { kind: 'phone' }, [
    '手机号码；留空则保留此前报送的号码',
    'Mobile phone number; left empty, the one sent before is kept',
    '13812345678',
  ]),
  column('area_code', false, { kind: 'area-code' }, [
    '现住址行政区划代码（GB/T 2260）',
    'GB/T 2260 code of the area of residence',
    '430202',
  ]),
  column('address', false, { kind: 'text', maxLength: 200 }, [
    '现住址',
    'Address of residence',
    '荷塘区新华路1号',
  ]),
];

/**
 * The person of a row and how the row's other record refers to them. The person's source record id is
 * `person_source_id`, or failing that the resident ID or passport, so that re-sending a row maps to the
 * same person record.
 */
export function personFromRow(
  row: ParsedRow,
  context: CsvImportContext,
): { person: PersonRecord; subject: SubjectReference } | { errors: { column?: string; reason: string }[] } {
  const systems = context.systems ?? defaultIdentifierSystems;
  const sourceId = row.text('person_source_id');
  const residentId = row.text('resident_id');
  const passport = row.text('passport');
  if (sourceId === undefined && residentId === undefined && passport === undefined) {
    return {
      errors: [
        {
          column: 'person_source_id',
          ...coded('person-identity'),
        },
      ],
    };
  }
  const identifiers: Identifier[] = [];
  const invalidIdentifiers: PersonRecord['invalidIdentifiers'] = [];
  const sourceSystem = sourceRecordSystem(context.sourceId, systems);
  const sourceRecordId = sourceId ?? (residentId ? `resident-id:${residentId}` : `passport:${passport}`);
  identifiers.push({ system: sourceSystem, value: sourceRecordId });
  if (residentId !== undefined) {
    const check = checkResidentId(residentId);
    const identifier = { system: systems.residentId, value: residentId };
    if (check.valid) identifiers.push(identifier);
    else {
      invalidIdentifiers.push({ identifier, problem: check.reason });
      row.warn('resident_id', residentIdKeptInvalid(check.problem));
    }
  }
  if (passport !== undefined) identifiers.push({ system: systems.passport, value: passport });
  const person: PersonRecord = { kind: 'person', sourceRecordId, identifiers, invalidIdentifiers };
  assign(person, 'name', row.text('name'));
  assign(person, 'sex', row.text('sex') as Sex | undefined);
  assign(person, 'birthDate', row.text('birth_date'));
  assign(person, 'phone', row.text('phone'));
  assign(person, 'areaCode', row.text('area_code'));
  assign(person, 'address', row.text('address'));
  return { person, subject: { identifier: { system: sourceSystem, value: sourceRecordId } } };
}

/**
 * The warning of a row whose resident ID fails GB 11643, as the FHIR path gives it (`identifier-kept-invalid`):
 * the row is imported, the number kept but not used to link persons. It names the problem by its code, never
 * the number nor a part of it (the checker's own text quotes digits: personal data in an import report).
 */
export function residentIdKeptInvalid(problem: ResidentIdProblem): CodedReason {
  return coded('identifier-kept-invalid', { problem: residentIdProblemReason(problem).reason });
}

/** Sets an optional property only when there is a value (exactOptionalPropertyTypes-friendly, no `undefined` keys). */
export function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
