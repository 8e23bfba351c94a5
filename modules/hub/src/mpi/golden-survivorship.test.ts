/**
 * The golden record through the hub: a person shows what most of their records state (and what their
 * resident ID says), not the newest record's slip, on ingest and after merges, unmerges and splits.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Json } from '../core/index.js';
import { composeResidentId } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { patient } from './testing.js';

interface Reported {
  name: string;
  birthDate: string;
  /** The passport every source saw: links the records deterministically, and says nothing of the birth date. */
  passport: string;
  residentId?: string;
}

/** A Patient a source posts; returns its record key and how to find its person. */
async function post(fixture: HubFixture, sourceId: string, fields: Reported) {
  const body = patient({ name: fields.name, birthDate: fields.birthDate }) as Record<string, Json>;
  const identifiers = [{ system: 'urn:shuzhi:id:passport', value: fields.passport }];
  if (fields.residentId) identifiers.push({ system: 'urn:shuzhi:id:cn-resident', value: fields.residentId });
  body.identifier = identifiers as unknown as Json;
  const answer = await fixture.hub.data.fhir.create(sourceContext(sourceId, fixture.clock), 'Patient', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const id = (answer.body as { id: string }).id;
  return { recordKey: `${sourceId}|${id}`, sourceId, id };
}

/** The person a posted record is linked to now. */
async function personOf(fixture: HubFixture, record: { sourceId: string; id: string }): Promise<string> {
  const person = (await fixture.hub.data.mpi.exportLinkage()).persons.find((p) =>
    p.records.some((r) => r.source_id === record.sourceId && r.value === record.id),
  );
  expect(person).toBeDefined();
  return person!.person_id;
}

async function threeSources(fixture: HubFixture, tag: string) {
  const add = (name: string, type: 'hospital' | 'lab' | 'fever_clinic') =>
    fixture.hub.sources.addSource({ name: `${tag} ${name}`, type, areaCode: '4302' });
  return {
    hospital: await add('医院', 'hospital'),
    lab: await add('检测所', 'lab'),
    clinic: await add('发热门诊', 'fever_clinic'),
  };
}

describeEachDatabase(
  'golden record survivorship',
  (getDatabase) => {
    it('shows the birth date two of three records state, and each side its own after a split', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab, clinic } = await threeSources(fixture, '甲');
      const passport = 'CHN:E1052000';
      await post(fixture, hospital.id, { name: '赵敏', birthDate: '1988-05-20', passport });
      const labRecord = await post(fixture, lab.id, {
        name: '赵敏',
        birthDate: '1988-05-20',
        passport,
      });
      // The clinic, last to report, typed February for May.
      const typo = await post(fixture, clinic.id, { name: '赵敏', birthDate: '1988-02-20', passport });
      const personId = await personOf(fixture, typo);
      expect(await personOf(fixture, labRecord)).toBe(personId);
      expect(await hub.data.mpi.getPerson(ctx, personId)).toMatchObject({
        name: '赵敏',
        birthDate: '1988-05-20',
      });

      const split = await hub.data.mpi.split(ctx, typo.recordKey, 'test: the clinic record is another woman');
      expect(split).toMatchObject({ birthDate: '1988-02-20' });
      expect(await hub.data.mpi.getPerson(ctx, personId)).toMatchObject({ birthDate: '1988-05-20' });
    });

    it('prefers the birth date the resident ID encodes over two records that agree on another', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab, clinic } = await threeSources(fixture, '乙');
      const passport = 'CHN:E2061100';
      const residentId = composeResidentId('430202', '1979-06-11', '124');
      // The hospital read her ID card; the lab and the clinic after it wrote her birth date day first.
      const withId = await post(fixture, hospital.id, {
        name: '孙丽',
        birthDate: '1979-06-11',
        passport,
        residentId,
      });
      await post(fixture, lab.id, { name: '孙丽', birthDate: '1979-11-06', passport });
      const last = await post(fixture, clinic.id, { name: '孙丽', birthDate: '1979-11-06', passport });
      const personId = await personOf(fixture, withId);
      expect(await personOf(fixture, last)).toBe(personId);
      expect(await hub.data.mpi.getPerson(ctx, personId)).toMatchObject({
        birthDate: '1979-06-11',
        sex: 'female',
      });
    });

    it('after a merge shows the majority of both persons’ records, and after the unmerge each its own', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const { hospital, lab, clinic } = await threeSources(fixture, '丙');
      const passport = 'CHN:E3080300';
      const first = await post(fixture, hospital.id, {
        name: '钱明',
        birthDate: '1966-08-03',
        passport,
      });
      await post(fixture, lab.id, { name: '钱明', birthDate: '1966-08-03', passport });
      // The clinic wrote his name in pinyin, swapped day and month, and took another man's passport: another person.
      const other = await post(fixture, clinic.id, {
        name: 'Qian Ming',
        birthDate: '1966-03-08',
        passport: 'CHN:G99170000',
      });
      const survivorId = await personOf(fixture, first);
      const mergedId = await personOf(fixture, other);
      expect(mergedId).not.toBe(survivorId);

      const merge = await hub.data.mpi.merge(ctx, { survivorId, mergedId, reason: 'test: one man' });
      expect(await hub.data.mpi.getPerson(ctx, survivorId)).toMatchObject({
        name: '钱明',
        birthDate: '1966-08-03',
      });

      await hub.data.mpi.unmerge(ctx, merge.id, 'test: two men after all');
      expect(await hub.data.mpi.getPerson(ctx, survivorId)).toMatchObject({
        name: '钱明',
        birthDate: '1966-08-03',
      });
      expect(await hub.data.mpi.getPerson(ctx, mergedId)).toMatchObject({
        name: 'Qian Ming',
        birthDate: '1966-03-08',
      });
    });
  },
  { migrations: hubTestMigrations },
);
