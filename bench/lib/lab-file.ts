/**
 * A lab-results NDJSON file shaped like bench/hub-ingest.ts's: Patients, each followed by their PCR results;
 * 20% of Patients without a resident ID, 3% a second registration of an earlier one, a share of positives.
 * Deterministic (a fixed seed), so the same options write the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { checkResidentId, composeResidentId } from '../../modules/hub/src/core/index.js';

export interface LabFileOptions {
  /** How many results (Observations) to write. */
  records: number;
  /** The share of results that are positive (bench/hub-ingest.ts: 0.005). */
  positiveRate: number;
  /** The data source named in the Patients' `urn:shuzhi:source:` identifiers. */
  sourceId: string;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇'];
const counties = ['430202', '430203', '430204', '430211', '430212'];

/** Writes the file; returns its number of lines. */
export async function writeLabFile(path: string, options: LabFileOptions): Promise<number> {
  const { records: RECORDS, positiveRate: POSITIVE_RATE, sourceId: SOURCE } = options;
  const next = random(20220410);
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const earlier: { name: string; birth: string; county: string; residentId: string }[] = [];
  let patients = 0;
  let written = 0;
  let lines = 0;
  while (written < RECORDS) {
    patients++;
    const pid = `p${String(patients).padStart(7, '0')}`;
    const duplicate =
      earlier.length > 100 && next() < 0.03 ? earlier[Math.floor(next() * earlier.length)]! : null;
    const county = duplicate?.county ?? counties[Math.floor(next() * counties.length)]!;
    const birth =
      duplicate?.birth ??
      `${1940 + Math.floor(next() * 70)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const name =
      duplicate?.name ??
      `${surnames[Math.floor(next() * surnames.length)]}${given[Math.floor(next() * given.length)]}`;
    const residentId =
      duplicate?.residentId ??
      composeResidentId(county, birth, String(Math.floor(next() * 999)).padStart(3, '0'));
    const withId = next() >= 0.2;
    if (!duplicate) earlier.push({ name, birth, county, residentId });
    const identifiers = [{ system: `urn:shuzhi:source:${SOURCE}`, value: pid.toUpperCase() }];
    if (withId) identifiers.push({ system: 'urn:shuzhi:id:cn-resident', value: residentId });
    const sex = checkResidentId(residentId).valid && Number(residentId[16]) % 2 === 1 ? 'male' : 'female';
    await write(
      JSON.stringify({
        resourceType: 'Patient',
        id: pid,
        identifier: identifiers,
        name: [{ use: 'official', text: name }],
        gender: sex,
        birthDate: birth,
        address: [
          { extension: [{ url: 'urn:shuzhi:fhir:StructureDefinition/area-code', valueCode: county }] },
        ],
      }),
    );
    lines++;
    for (let k = 0; k < 5 && written < RECORDS; k++) {
      written++;
      const positive = next() < POSITIVE_RATE;
      const day = 1 + Math.floor(next() * 28);
      const at = `2026-02-${String(day).padStart(2, '0')}T0${Math.floor(next() * 9)}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00+08:00`;
      await write(
        JSON.stringify({
          resourceType: 'Observation',
          id: `o${String(written).padStart(8, '0')}`,
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
          subject: { reference: `Patient/${pid}` },
          effectiveDateTime: at,
          issued: at.replace(/T0(\d)/, (_, h: string) => `T1${h}`),
          valueCodeableConcept: {
            coding: [{ system: 'http://snomed.info/sct', code: positive ? '10828004' : '260385009' }],
          },
        }),
      );
      lines++;
    }
  }
  out.end();
  await once(out, 'finish');
  return lines;
}
