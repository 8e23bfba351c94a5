/** Test wiring for the data hub: the hub fixture with the hub's own import kinds registered, as the platform does. */
import type { Database } from '@shuzhi/db';
import { hubFixture, type HubFixture } from '../testing.js';

export function dataHubFixture(database: Database): HubFixture {
  const fixture = hubFixture(database);
  for (const handler of fixture.hub.data.importHandlers) fixture.hub.imports.register(handler);
  return fixture;
}

/** An NDJSON line: a Patient with a name and sex, nothing else. */
export function patientLine(id: string): string {
  return JSON.stringify({ resourceType: 'Patient', id, name: [{ text: `病人${id}` }], gender: 'male' });
}

/** An NDJSON line: a negative SARS-CoV-2 PCR result (LOINC 94500-6) of `Patient/subject`. */
export function pcrResultLine(id: string, subject: string): string {
  return JSON.stringify({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: '2026-02-28T09:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  });
}

/** The header of the lab-results CSV template. */
export const labResultsHeader =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';

/**
 * A negative PCR row of the lab-results CSV for person `who` (张晓明, male, born 1985-03-12 unless `birthDate`
 * says otherwise), with the given resident ID, passport and phone cells.
 */
export function labResultRow(
  resultId: string,
  who: string,
  cells: { residentId?: string; passport?: string; phone?: string; birthDate?: string } = {},
): string {
  return [
    resultId,
    who,
    cells.residentId ?? '',
    cells.passport ?? '',
    '张晓明',
    'male',
    cells.birthDate ?? '1985-03-12',
    cells.phone ?? '',
    '430202',
    '',
    '94500-6',
    '2026-02-28T08:00:00+08:00',
    '',
    'negative',
    '',
    '',
  ].join(',');
}
