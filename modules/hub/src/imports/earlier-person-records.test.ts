/**
 * A CSV row over a person its source sent before keeps what the row leaves empty: a lab's result rows with
 * the resident ID, passport or phone column empty do not erase them from the Patient the lab sent over FHIR
 * or in an earlier file; an ID the row gives is a correction.
 */
import { expect, it } from 'vitest';
import { decodeRow, type Database } from '@shuzhi/db';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId } from '../core/identifiers/resident-id.js';
import type { PersonRecord } from '../core/index.js';
import { dataHubFixture, labResultRow as resultRow, labResultsHeader as header } from '../records/testing.js';
import { hubTestMigrations } from '../testing.js';

const residentId = composeResidentId('430202', '1985-03-12', '123');
const correctedId = composeResidentId('430202', '1985-03-12', '125');

/** The source's current version of its person record `key`, as the record store holds it. */
async function storedPerson(database: Database, sourceId: string, key: string) {
  const row = await database.db
    .selectFrom('hub_records')
    .select(['version', 'record', 'resource'])
    .where('source_id', '=', sourceId)
    .where('resource_type', '=', 'Patient')
    .where('source_record_id', '=', key)
    .executeTakeFirstOrThrow();
  const decoded = decodeRow(row, { json: ['record', 'resource'] });
  return { version: Number(decoded.version), person: decoded.record as unknown as PersonRecord | null };
}

const valuesOf = (person: PersonRecord | null, system: string) =>
  (person?.identifiers ?? []).filter((i) => i.system === system).map((i) => i.value);

describeEachDatabase(
  'CSV rows over a person sent before',
  (getDatabase) => {
    it('keep the resident ID, passport and phone of the FHIR Patient when those cells are empty', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const patient = {
        resourceType: 'Patient',
        id: 'p-0001',
        identifier: [
          { system: 'urn:shuzhi:id:cn-resident', value: residentId },
          { system: 'urn:shuzhi:id:passport', value: 'CHN:E12345678' },
          { system: 'urn:hospital:mrn', value: 'MRN-77' },
        ],
        name: [{ text: '张晓明' }],
        gender: 'male',
        birthDate: '1985-03-12',
        telecom: [{ system: 'phone', value: '13812345678' }],
      };
      const file = { fileName: 'lab.csv', sourceId: 'keep-lab' };
      await hub.imports.run(ctx, { ...file, kind: 'fhir', text: `${JSON.stringify(patient)}\n` });

      const report = await hub.imports.run(ctx, {
        ...file,
        kind: 'lab-results',
        text: `${header}\n${resultRow('R1', 'p-0001')}\n`,
      });
      expect(report).toMatchObject({ status: 'accepted', accepted: 1, rejected: 0 });
      const { person } = await storedPerson(getDatabase(), 'keep-lab', 'p-0001');
      expect(valuesOf(person, 'urn:shuzhi:id:cn-resident')).toEqual([residentId]);
      expect(valuesOf(person, 'urn:shuzhi:id:passport')).toEqual(['CHN:E12345678']);
      // An identifier no CSV column can give stays as well.
      expect(valuesOf(person, 'urn:hospital:mrn')).toEqual(['MRN-77']);
      expect(person?.phone).toBe('+8613812345678');
      // The result is the ID holder's: the person still holds the ID.
      const holders = (await getDatabase()
        .db.selectFrom('person_identifiers')
        .select('person_id')
        .where('value', '=', residentId)
        .execute()) as { person_id: string }[];
      expect(new Set(holders.map((h) => h.person_id)).size).toBe(1);
    });

    it('keep the ID an earlier file or an earlier row of the same file gave; the same file again changes nothing', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const file = { kind: 'lab-results', fileName: 'lab.csv', sourceId: 'keep-csv' };
      await hub.imports.run(ctx, {
        ...file,
        text: `${header}\n${resultRow('R1', 'PAT-1', { residentId, phone: '13812345678' })}\n`,
      });
      const later = `${header}\n${resultRow('R2', 'PAT-1')}\n${resultRow('R3', 'PAT-2', { residentId: correctedId })}\n${resultRow('R4', 'PAT-2')}\n`;
      expect(await hub.imports.run(ctx, { ...file, text: later })).toMatchObject({
        status: 'accepted',
        rejected: 0,
      });
      const first = await storedPerson(getDatabase(), 'keep-csv', 'PAT-1');
      expect(valuesOf(first.person, 'urn:shuzhi:id:cn-resident')).toEqual([residentId]);
      expect(first.person?.phone).toBe('+8613812345678');
      const second = await storedPerson(getDatabase(), 'keep-csv', 'PAT-2');
      expect(valuesOf(second.person, 'urn:shuzhi:id:cn-resident')).toEqual([correctedId]);

      expect(await hub.imports.run(ctx, { ...file, text: later })).toMatchObject({
        accepted: 0,
        unchanged: 3,
      });
      expect((await storedPerson(getDatabase(), 'keep-csv', 'PAT-1')).version).toBe(first.version);
    });

    it('take a resident ID the row gives as a correction of the earlier one', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const file = { kind: 'lab-results', fileName: 'lab.csv', sourceId: 'fix-csv' };
      await hub.imports.run(ctx, {
        ...file,
        text: `${header}\n${resultRow('R1', 'PAT-9', { residentId })}\n`,
      });
      await hub.imports.run(ctx, {
        ...file,
        text: `${header}\n${resultRow('R1', 'PAT-9', { residentId: correctedId })}\n`,
      });
      const { person } = await storedPerson(getDatabase(), 'fix-csv', 'PAT-9');
      expect(valuesOf(person, 'urn:shuzhi:id:cn-resident')).toEqual([correctedId]);
    });
  },
  { migrations: hubTestMigrations },
);
