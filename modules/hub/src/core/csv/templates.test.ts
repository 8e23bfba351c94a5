import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeResidentId } from '../identifiers/resident-id.js';
import { coded, reasonTextIn } from '../reasons.js';
import { convertCsv, CsvTemplateConverter, expectedHeader } from './convert-csv.js';
import { formatCsv } from './csv-writer.js';
import { exampleCsv } from './example-file.js';
import {
  checkinsTemplate,
  csvTemplate,
  csvTemplates,
  labResultsTemplate,
  tripsTemplate,
} from './templates/index.js';

const context = { sourceId: 'lab-7' };

describe('CSV templates', () => {
  it('describe every column in both languages and convert their own example file without errors', () => {
    expect(csvTemplates.map((t) => t.id)).toEqual([
      'checkins',
      'trips',
      'stays',
      'gate-access',
      'households',
      'travelers',
      'indicators',
      'lab-results',
      'case-reports',
      'fever-clinic-visits',
      'vaccinations',
      'pharmacy-sales',
    ]);
    for (const template of csvTemplates) {
      for (const column of template.columns) {
        expect(column.description['zh-CN'].length, `${template.id}.${column.name}`).toBeGreaterThan(1);
        expect(column.description.en.length, `${template.id}.${column.name}`).toBeGreaterThan(1);
      }
      const result = convertCsv(template, exampleCsv(template), context);
      expect(result.errors, template.id).toEqual([]);
      expect(result.rows.length, template.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('name the expected header in one error when the header is wrong', () => {
    const result = convertCsv(
      checkinsTemplate,
      'person,venue_id,check_in,check_out\r\nP1,V1,2022-03-05T08:30:00+08:00,\r\n',
      context,
    );
    expect(result).toEqual({
      rows: [],
      errors: [
        {
          line: 1,
          reason:
            'expected the header person_id,venue_id,check_in,check_out[,zone]: missing person_id; unknown person',
          code: 'csv-header',
          params: {
            expected: 'person_id,venue_id,check_in,check_out[,zone]',
            problems: 'missing person_id; unknown person',
          },
        },
      ],
      warnings: [],
    });
    expect(expectedHeader(tripsTemplate)).toBe('person_id,trip_id,mode,departure,arrival,carriage,seat');
    expect(convertCsv(checkinsTemplate, '', context).errors[0]?.reason).toMatch(/empty.*person_id,venue_id/);
  });

  it('read the columns by name, in the order and letter case an institution’s export gives them', () => {
    const inOrder = convertCsv(
      checkinsTemplate,
      'person_id,venue_id,check_in,check_out,zone\nP1,V1,2022-03-05T08:30:00+08:00,2022-03-05T09:00:00+08:00,B1\n',
      context,
    );
    const reordered = convertCsv(
      checkinsTemplate,
      'Zone,CHECK_OUT,check_in,Venue_Id,person_id\nB1,2022-03-05T09:00:00+08:00,2022-03-05T08:30:00+08:00,V1,P1\n',
      context,
    );
    expect(reordered).toEqual(inOrder);
    expect(inOrder.rows).toHaveLength(1);
  });

  it('name the missing, unknown and repeated columns of a wrong header', () => {
    const reasonOf = (header: string) =>
      convertCsv(checkinsTemplate, `${header}\n`, context).errors.map((e) => e.reason);
    expect(reasonOf('person_id,venue_id,check_in')).toEqual([
      'expected the header person_id,venue_id,check_in,check_out[,zone]: missing check_out',
    ]);
    expect(reasonOf('person_id,venue_id,check_in,check_out,floor')).toEqual([
      'expected the header person_id,venue_id,check_in,check_out[,zone]: unknown floor',
    ]);
    expect(reasonOf('person_id,venue_id,check_in,check_out,check_in')).toEqual([
      'expected the header person_id,venue_id,check_in,check_out[,zone]: repeated check_in',
    ]);
  });
});

describe('check-in CSV', () => {
  const header = 'person_id,venue_id,check_in,check_out\n';

  it('applies the default dwell to a missing check-out, or the configured one', () => {
    const text = `${header}P1,V1,2022-03-05T08:30:00+08:00,\n`;
    expect(convertCsv(checkinsTemplate, text, context).rows[0]?.records[0]).toEqual({
      kind: 'checkin',
      personId: 'P1',
      venueId: 'V1',
      checkIn: '2022-03-05T00:30:00.000Z',
      checkOut: '2022-03-05T01:30:00.000Z',
      checkOutImputed: true,
    });
    const shorter = convertCsv(checkinsTemplate, text, { ...context, defaultDwellMinutes: 20 });
    expect(shorter.rows[0]?.records[0]).toMatchObject({ checkOut: '2022-03-05T00:50:00.000Z' });
  });

  it('accepts the optional zone column', () => {
    const text =
      'person_id,venue_id,check_in,check_out,zone\nP1,V1,2022-03-05T08:30:00+08:00,2022-03-05T09:00:00+08:00,hall-2\n';
    expect(convertCsv(checkinsTemplate, text, context).rows[0]?.records[0]).toMatchObject({
      zone: 'hall-2',
      checkOutImputed: false,
    });
  });

  it('reports each bad row with its line and column, and keeps the good rows', () => {
    const text =
      header +
      'P1,V1,2022-03-05T08:30:00+08:00,2022-03-05T08:00:00+08:00\n' +
      'P2,V1,2022-03-05 08:30,\n' +
      ',V1,2022-03-05T08:30:00Z,\n' +
      'P4,V1\n' +
      'P5,V2,2022-03-05T08:30:00Z,2022-03-05T09:30:00Z\n';
    const result = convertCsv(checkinsTemplate, text, context);
    expect(result.errors).toEqual([
      {
        line: 2,
        column: 'check_out',
        reason: 'must not precede check_in',
        code: 'not-before',
        params: { other: 'check_in' },
      },
      {
        line: 3,
        column: 'check_in',
        reason: 'must be an ISO 8601 date-time with offset, e.g. 2022-03-05T08:30:00+08:00',
        code: 'date-time-offset',
      },
      { line: 4, column: 'person_id', reason: 'is required', code: 'required' },
      {
        line: 5,
        reason: 'expected 4 fields as in the header, found 2',
        code: 'csv-field-count',
        params: { expected: 4, found: 2 },
      },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([6]);
  });

  it('stores any instant written in any offset as the same UTC time, in any chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => ms - (ms % 1000)),
        fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
        fc.integer({ min: 1, max: 40 }),
        (ms, offset, chunk) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
          const sign = offset < 0 ? '-' : '+';
          const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
          const text = formatCsv([
            ['person_id', 'venue_id', 'check_in', 'check_out'],
            ['P "1"', 'V,1', `${local}${zone}`, ''],
          ]);
          const converter = new CsvTemplateConverter(checkinsTemplate, context);
          const rows = [];
          for (let k = 0; k < text.length; k += chunk)
            rows.push(...converter.push(text.slice(k, k + chunk)).rows);
          rows.push(...converter.end().rows);
          expect(rows[0]?.records[0]).toMatchObject({
            personId: 'P "1"',
            venueId: 'V,1',
            checkIn: new Date(ms).toISOString(),
          });
        },
      ),
    );
  });
});

describe('trip CSV', () => {
  it('reads the row of a seat and refuses unknown modes', () => {
    const text =
      'person_id,trip_id,mode,departure,arrival,carriage,seat\nP1,G1,train,2022-03-05T08:00:00+08:00,2022-03-05T11:00:00+08:00,,12a\nP2,X,boat,2022-03-05T08:00:00+08:00,2022-03-05T11:00:00+08:00,,\n';
    const result = convertCsv(tripsTemplate, text, context);
    expect(result.rows[0]?.records[0]).toMatchObject({ seat: '12A', seatRow: 12, mode: 'train' });
    expect(result.rows[0]?.records[0]).not.toHaveProperty('carriage');
    expect(result.errors).toEqual([
      {
        line: 3,
        column: 'mode',
        reason: 'must be one of flight, train, bus, metro',
        code: 'one-of',
        params: { values: 'flight, train, bus, metro' },
      },
    ]);
  });
});

describe('clinical CSV templates', () => {
  const labHeader = labResultsTemplate.columns.map((c) => c.name).join(',');
  const id = composeResidentId('430202', '1990-05-01', '022');

  it('give the person and the result, referring to the person by the source’s own id', () => {
    const text = `${labHeader}\nR1,PAT-9,${id},,李娜,女,1990-05-01,138 1234 5678,430202,,94500-6,2022-03-05T08:10:00+08:00,,positive,24.5,\n`;
    const [person, result] = convertCsv(labResultsTemplate, text, context).rows[0]!.records;
    expect(person).toMatchObject({
      kind: 'person',
      sourceRecordId: 'PAT-9',
      sex: 'female',
      phone: '+8613812345678',
      identifiers: [
        { system: 'urn:shuzhi:source:lab-7', value: 'PAT-9' },
        { system: 'urn:shuzhi:id:cn-resident', value: id },
      ],
    });
    expect(result).toMatchObject({
      kind: 'lab-result',
      sourceRecordId: 'R1',
      subject: { identifier: { system: 'urn:shuzhi:source:lab-7', value: 'PAT-9' } },
      test: { system: 'http://loinc.org', code: '94500-6' },
      testKind: 'pcr',
      result: 'positive',
      valueQuantity: { value: 24.5, unit: 'Ct' },
      specimenCollectedAt: '2022-03-05T00:10:00.000Z',
    });
  });

  it('keeps a resident ID that fails its check digit as untrusted, with a warning, and needs some identifier', () => {
    const broken = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const text = `${labHeader}\nR1,,${broken},,李娜,,,,,,94558-4,2022-03-05T08:10:00+08:00,,negative,,\nR2,,,,李娜,,,,,,94558-4,2022-03-05T08:10:00+08:00,,negative,,\n`;
    const result = convertCsv(labResultsTemplate, text, context);
    const person = result.rows[0]!.records[0]!;
    expect(person.kind === 'person' && person.invalidIdentifiers[0]?.problem).toMatch(/check character/);
    // The row is imported, and says why its ID will not link it: the problem, never the number.
    expect(result.warnings).toEqual([
      {
        line: 2,
        column: 'resident_id',
        ...coded('identifier-kept-invalid', { problem: coded('resident-id-check-digit').reason }),
      },
    ]);
    expect(reasonTextIn('zh-CN', 'identifier-kept-invalid', result.warnings[0]!.params)).toBe(
      '校验码与前 17 位不符（GB 11643）；已保留，但不用于关联人员',
    );
    expect(result.errors).toEqual([
      {
        line: 3,
        column: 'person_source_id',
        reason: 'one of person_source_id, resident_id or passport is required',
        code: 'person-identity',
      },
    ]);
  });

  it('refuse a case class that contradicts the ICD-10 code', () => {
    const template = csvTemplate('case-reports')!;
    const header = template.columns.map((c) => c.name).join(',');
    const text = `${header}\nC1,P1,,,王强,,,,,,U07.2,confirmed,,2022-03-05T21:00:00+08:00\n`;
    expect(convertCsv(template, text, context).errors).toEqual([
      {
        line: 2,
        column: 'classification',
        reason: 'U07.2 means the virus was not identified; confirmed cases are coded U07.1',
        code: 'u07-2-classification',
        params: { classification: 'confirmed' },
      },
    ]);
  });

  it('decide fever from the temperature when the fever column is empty', () => {
    const template = csvTemplate('fever-clinic-visits')!;
    const header = template.columns.map((c) => c.name).join(',');
    const text = `${header}\nV1,P1,,,王强,,,,,,2022-03-05T10:15:00+08:00,37.4,,cough; fatigue,\nV2,P2,,,李四,,,,,,2022-03-05T10:15:00+08:00,36.8,,,\n`;
    const [first, second] = convertCsv(template, text, context).rows.map((r) => r.records[1]);
    expect(first).toMatchObject({
      fever: true,
      symptoms: ['cough', 'fatigue'],
      setting: 'fever-clinic',
      encounterClass: 'AMB',
    });
    expect(second).toMatchObject({ fever: false, reasons: [] });
  });

  it('take a resident-card traveller bound for a grid (15-digit area code) as the simulator writes them', () => {
    const template = csvTemplate('travelers')!;
    const header = template.columns.map((c) => c.name).join(',');
    const text = `${header}\n${id},白博轩,male,1990-05-01,CHN,cn-resident,${id},2026-03-02T12:14:00+08:00,CNCSX,HU3034-20260302,MYS,430223003011001\n`;
    const [person, traveler] = convertCsv(template, text, context).rows[0]!.records;
    expect(traveler).toMatchObject({
      documentType: 'cn-resident',
      destinationArea: '430223003011001',
      originCountry: 'MYS',
    });
    expect(person).toMatchObject({
      identifiers: [{ value: id }, { system: 'urn:shuzhi:id:cn-resident', value: id }],
    });
  });

  it('normalise a traveller’s passport with the nationality as issuing country', () => {
    const template = csvTemplate('travelers')!;
    const text = exampleCsv(template);
    const [person, traveler] = convertCsv(template, text, context).rows[0]!.records;
    expect(traveler).toMatchObject({
      kind: 'traveler',
      documentNumber: 'GBR:123456789',
      originCountry: 'GBR',
    });
    expect(person).toMatchObject({
      nationality: 'GBR',
      identifiers: [{ value: 'T-2022-000123' }, { system: 'urn:shuzhi:id:passport', value: 'GBR:123456789' }],
    });
  });
});
