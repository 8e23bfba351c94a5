/**
 * Inbound travellers (境外输入人员登记): `person_id,name,sex,birth_date,nationality,document_type,document_number,
 * arrival,port,trip_id,origin_country,destination_area`. Each row gives the traveller record and the person.
 */
import {
  defaultIdentifierSystems,
  sourceRecordSystem,
  type Identifier,
} from '../../identifiers/identifier-systems.js';
import { normalisePassport } from '../../identifiers/passport.js';
import { checkResidentId } from '../../identifiers/resident-id.js';
import type { PersonRecord, Sex, TravelDocumentType, TravelerRecord } from '../../records.js';
import { column, type CsvTemplate } from '../csv-template.js';
import { assign, residentIdKeptInvalid } from './person-columns.js';

const documentTypes: readonly TravelDocumentType[] = ['passport', 'cn-resident', 'travel-permit', 'other'];

export const travelersTemplate: CsvTemplate<TravelerRecord | PersonRecord> = {
  id: 'travelers',
  title: { 'zh-CN': '入境人员登记', en: 'Inbound travellers' },
  description: {
    'zh-CN':
      '每行一名入境人员：证件、入境时间与口岸、航班或车次、出发国家和目的地（GB/T 2260 代码）。国籍与出发国家用 ISO 3166-1 代码。',
    en: 'One inbound traveller per row: document, arrival time and port, flight or train, country of origin and destination area (GB/T 2260). Nationality and origin use ISO 3166-1 codes.',
  },
  columns: [
    column('person_id', true, { kind: 'text', maxLength: 64 }, [
      '人员编号',
      'Person id or known identifier',
      'T-2022-000123',
    ]),
    column('name', true, { kind: 'text', maxLength: 100 }, [
      '姓名（证件上的写法）',
      'Name as on the document',
      'SMITH John',
    ]),
    column('sex', false, { kind: 'sex' }, ['性别', 'Sex', 'male']),
    column('birth_date', false, { kind: 'date' }, [
      '出生日期 YYYY-MM-DD',
      'Birth date YYYY-MM-DD',
      '1980-07-14',
    ]),
    column('nationality', true, { kind: 'country' }, [
      '国籍（ISO 3166-1 代码）',
      'Nationality (ISO 3166-1 code)',
      'GBR',
    ]),
    column('document_type', true, { kind: 'choice', values: documentTypes }, [
      '证件类型：passport（护照）、cn-resident（居民身份证）、travel-permit（通行证）或 other',
      'Document type: passport, cn-resident (resident identity card), travel-permit or other',
      'passport',
    ]),
    column('document_number', true, { kind: 'text', maxLength: 32 }, [
      '证件号码',
      'Document number',
      '123456789',
    ]),
    column('arrival', true, { kind: 'instant' }, [
      '入境时间（带时区）',
      'Arrival time (with offset)',
      '2022-03-05T14:20:00+08:00',
    ]),
    column('port', true, { kind: 'text', maxLength: 64 }, ['入境口岸', 'Port of entry', 'CSX']),
    column('trip_id', false, { kind: 'text', maxLength: 64 }, [
      '航班号或车次',
      'Flight or train',
      'CA938-20220305',
    ]),
    column('origin_country', true, { kind: 'country' }, [
      '出发国家（ISO 3166-1 代码）',
      'Country of origin (ISO 3166-1 code)',
      'GB',
    ]),
    column('destination_area', true, { kind: 'area-code' }, [
      '目的地行政区划代码',
      'Destination area (GB/T 2260 code)',
      '430202',
    ]),
  ],
  optionalTrailingColumns: 0,
  toRecords(row, context) {
    const systems = context.systems ?? defaultIdentifierSystems;
    const personId = row.requiredText('person_id');
    const documentType = row.requiredText('document_type') as TravelDocumentType;
    const nationality = row.requiredText('nationality');
    let documentNumber = row.requiredText('document_number');
    const identifiers: Identifier[] = [
      { system: sourceRecordSystem(context.sourceId, systems), value: personId },
    ];
    const invalidIdentifiers: PersonRecord['invalidIdentifiers'] = [];
    if (documentType === 'passport') {
      const passport = normalisePassport(documentNumber, nationality);
      if (!passport.valid) return { errors: [{ column: 'document_number', reason: passport.reason }] };
      documentNumber = passport.value;
      identifiers.push({ system: systems.passport, value: passport.value });
    } else if (documentType === 'cn-resident') {
      const check = checkResidentId(documentNumber);
      const identifier = { system: systems.residentId, value: check.valid ? check.value : documentNumber };
      if (check.valid) identifiers.push(identifier);
      else {
        invalidIdentifiers.push({ identifier, problem: check.reason });
        row.warn('document_number', residentIdKeptInvalid(check.problem));
      }
    }
    const traveler: TravelerRecord = {
      kind: 'traveler',
      personId,
      documentType,
      documentNumber,
      arrival: row.requiredText('arrival'),
      port: row.requiredText('port'),
      originCountry: row.requiredText('origin_country'),
      destinationArea: row.requiredText('destination_area'),
    };
    assign(traveler, 'tripId', row.text('trip_id'));
    const person: PersonRecord = {
      kind: 'person',
      sourceRecordId: personId,
      identifiers,
      invalidIdentifiers,
      nationality,
    };
    assign(person, 'name', row.text('name'));
    assign(person, 'sex', row.text('sex') as Sex | undefined);
    assign(person, 'birthDate', row.text('birth_date'));
    return [person, traveler];
  },
};
