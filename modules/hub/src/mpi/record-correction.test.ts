import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId, type Json } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { hubTestMigrations, sourceContext, type HubFixture } from '../testing.js';
import { patient, type PatientFields } from './testing.js';

function positivePcr(subject: string): Json {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
    subject: { reference: `Patient/${subject}` },
    effectiveDateTime: '2026-02-27T09:00:00+08:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] },
  };
}

/** A confirmed COVID-19 diagnosis (a clinical case report); the subject is set per test. */
const covidDiagnosis = {
  resourceType: 'Condition',
  clinicalStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
  },
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
  },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'U07.1' }] },
  onsetDateTime: '2026-02-26',
  recordedDate: '2026-02-27T10:00:00+08:00',
};

/** Posts a Patient for a source; returns its id and the person it was linked to. */
async function post(fixture: HubFixture, sourceId: string, fields: PatientFields) {
  const ctx = sourceContext(sourceId, fixture.clock);
  const answer = await fixture.hub.data.fhir.create(ctx, 'Patient', patient(fields));
  expect(answer.status).toBe(201);
  const id = (answer.body as { id: string }).id;
  return { id, ctx, person: await personOfRecord(fixture, `${sourceId}|${id}`) };
}

async function personOfRecord(fixture: HubFixture, recordKey: string): Promise<string> {
  const personId = await fixture.hub.data.linker.personOfRecord(
    fixture.hub.data.repositories.mpi.db.db,
    recordKey,
  );
  expect(personId).toBeDefined();
  return personId!;
}

const man = { name: '林志强', gender: 'male', birthDate: '1980-05-17' } as const;

describeEachDatabase(
  'a corrected person record',
  (getDatabase) => {
    it('moves to a new person with its results when its new resident ID is nobody’s, and the next record with that ID joins it', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const x = composeResidentId('430202', man.birthDate, '011');
      const y = composeResidentId('430203', man.birthDate, '017');
      const lab = await post(fixture, 'fix-lab', { ...man, residentId: x });
      // The hospital is registered in Lutang (430203): a person it reports with no area is filed there.
      const { id: hosp } = await hub.sources.addSource({
        name: '芦淞医院',
        type: 'hospital',
        areaCode: '430203',
      });
      const hospital = await post(fixture, hosp, { ...man, residentId: x });
      expect(hospital.person).toBe(lab.person);
      const result = await hub.data.fhir.create(hospital.ctx, 'Observation', positivePcr(hospital.id));
      expect(result.status).toBe(201);
      expect((await hub.data.facts.timeline(ctx, lab.person)).case).not.toBeNull();

      // The hospital had typed the wrong card: it sends the Patient again with her husband's… his real ID.
      const put = await hub.data.fhir.update(hospital.ctx, {
        type: 'Patient',
        id: hospital.id,
        body: patient({ ...man, residentId: y }, hospital.id),
      });
      expect(put.status).toBe(200);
      const moved = await personOfRecord(fixture, `${hosp}|${hospital.id}`);
      expect(moved).not.toBe(lab.person);
      expect(await personOfRecord(fixture, `fix-lab|${lab.id}`)).toBe(lab.person);

      // The result and the case follow the record; the person it left keeps the lab's record only.
      const movedTimeline = await hub.data.facts.timeline(ctx, moved);
      expect(movedTimeline.entries.filter((e) => e.kind === 'lab-result')).toHaveLength(1);
      expect(movedTimeline.case).toMatchObject({ personId: moved });
      const left = await hub.data.facts.timeline(ctx, lab.person);
      expect(left.entries.filter((e) => e.kind === 'lab-result')).toHaveLength(0);
      expect(left.case).toBeNull();
      const shown = await hub.data.mpi.getPerson(ctx, lab.person);
      expect(shown.records.map((r) => r.recordKey)).toEqual([`fix-lab|${lab.id}`]);
      expect(shown.identifiers.map((i) => i.value)).not.toContain(y);

      // Both persons hold one valid ID each, so neither is the state a merge refuses.
      const movedPerson = await hub.data.mpi.getPerson(ctx, moved);
      expect(movedPerson.identifiers.filter((i) => i.system === 'urn:shuzhi:id:cn-resident')).toEqual([
        { system: 'urn:shuzhi:id:cn-resident', value: y },
      ]);

      // The index knows the new ID: the next record with it joins the moved person, not a new one.
      const cdc = await post(fixture, 'fix-cdc', { ...man, residentId: y });
      expect(cdc.person).toBe(moved);

      const [event] = (await hub.feed.read(0, 100_000, ['hub.person.unmerged'])).filter(
        (e) => e.payload['cause'] === 'correction' && e.payload['mergedId'] === moved,
      );
      const [linked] = (await hub.feed.read(0, 100_000, ['hub.person.linked'])).filter(
        (e) => e.entityId === hospital.id && e.payload['version'] === 2,
      );
      expect(linked).toMatchObject({ personId: moved, payload: { movedFrom: lab.person } });
      expect(event).toMatchObject({
        personId: lab.person,
        areaCode: '430203',
        payload: {
          survivorId: lab.person,
          recordKeys: [`${hosp}|${hospital.id}`],
          recordIds: [hospital.id],
        },
      });
    });

    it('reaches another process’s index with its new fields', async () => {
      const fixture = dataHubFixture(getDatabase());
      const other = dataHubFixture(getDatabase());
      const { hub } = fixture;
      const id = composeResidentId('430223', '1961-04-04', '082');
      const before = { name: '曾秋菊', gender: 'female', birthDate: '1961-04-04', residentId: id } as const;
      const lab = await post(fixture, 'two-lab', before);
      const hospital = await post(fixture, 'two-hosp', before);
      // The other process has its index built (and so holds the record with its old fields).
      expect(await personOfRecord(other, `two-hosp|${hospital.id}`)).toBe(lab.person);

      const after = { name: '邓玉兰', gender: 'female', birthDate: '1957-12-19' } as const;
      await hub.data.fhir.update(hospital.ctx, {
        type: 'Patient',
        id: hospital.id,
        body: patient(after, hospital.id),
      });
      const moved = await personOfRecord(fixture, `two-hosp|${hospital.id}`);
      // A record of the woman the corrected record now names, arriving at the other process, finds her.
      const ward = await post(other, 'two-ward', { ...after, phone: '13975500123' });
      expect(ward.person).toBe(moved);
    });

    it('leaves an audit entry naming the persons and the record, once the move is committed', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, identity } = fixture;
      // As a serving process starts it (hub.start subscribes the audit of corrections).
      await hub.start();
      onTestFinished(() => hub.stop());
      const x = composeResidentId('430202', '1971-03-09', '013');
      const y = composeResidentId('430202', '1971-03-09', '039');
      const person = { name: '郭建军', gender: 'male', birthDate: '1971-03-09' } as const;
      const lab = await post(fixture, 'aud-lab', { ...person, residentId: x });
      const hospital = await post(fixture, 'aud-hosp', { ...person, residentId: x });
      await hub.data.fhir.update(hospital.ctx, {
        type: 'Patient',
        id: hospital.id,
        body: patient({ ...person, residentId: y }, hospital.id),
      });
      const moved = await personOfRecord(fixture, `aud-hosp|${hospital.id}`);
      await hub.feed.settle();
      await identity.audit.drain();
      const entries = await identity.audit.list(
        { actorId: 'system:hub-mpi', resourceId: moved },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(entries.items).toEqual([
        expect.objectContaining({
          action: 'relink corrected person record',
          resource_type: 'person',
          detail: expect.objectContaining({
            fromPersonId: lab.person,
            toPersonId: moved,
            recordIds: [hospital.id],
          }),
        }),
      ]);
      expect(JSON.stringify(entries.items)).not.toContain(y);
    });

    it('moves to the person already holding the new resident ID, in this process and after a restart', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const x = composeResidentId('430211', '1992-11-03', '022');
      const y = composeResidentId('430211', '1992-11-03', '040');
      const woman = { name: '陈雨桐', gender: 'female', birthDate: '1992-11-03' } as const;
      const owner = await post(fixture, 'own-cdc', { ...woman, residentId: y, phone: '13973300011' });
      const first = await post(fixture, 'own-lab', { ...woman, residentId: x });
      const second = await post(fixture, 'own-hosp', { ...woman, residentId: x });
      expect(first.person).not.toBe(owner.person);
      expect(second.person).toBe(first.person);

      await hub.data.fhir.update(second.ctx, {
        type: 'Patient',
        id: second.id,
        body: patient({ ...woman, residentId: y }, second.id),
      });
      expect(await personOfRecord(fixture, `own-hosp|${second.id}`)).toBe(owner.person);

      // A fresh process builds its index from the stored links and agrees.
      const restarted = dataHubFixture(getDatabase());
      expect(await personOfRecord(restarted, `own-hosp|${second.id}`)).toBe(owner.person);
      expect(await personOfRecord(restarted, `own-lab|${first.id}`)).toBe(first.person);
      const later = await post(restarted, 'own-ward', { ...woman, residentId: y });
      expect(later.person).toBe(owner.person);
      expect((await hub.data.mpi.getPerson(ctx, owner.person)).records).toHaveLength(3);
    });

    it('re-sent as a CSV row with another resident ID moves with its result to that ID’s person', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const x = composeResidentId('430204', '1975-02-08', '051');
      const y = composeResidentId('430204', '1975-02-08', '077');
      const header =
        'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
      const row = (id: string, result: string) =>
        `CR1,CP1,${id},,赵国华,male,1975-02-08,,430204,,94500-6,2026-02-27T08:10:00+08:00,2026-02-27T20:30:00+08:00,${result},,`;
      const owner = await post(fixture, 'csv-cdc', {
        name: '赵国华',
        gender: 'male',
        birthDate: '1975-02-08',
        residentId: y,
      });
      await post(fixture, 'csv-hosp', {
        name: '赵国华',
        gender: 'male',
        birthDate: '1975-02-08',
        residentId: x,
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'first.csv',
        text: `${header}\n${row(x, 'positive')}\n`,
        sourceId: 'csv-lab',
      });
      const before = await personOfRecord(fixture, 'csv-lab|CP1');
      expect(before).not.toBe(owner.person);
      expect((await hub.data.facts.timeline(ctx, before)).case).not.toBeNull();

      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'corrected.csv',
        text: `${header}\n${row(y, 'positive')}\n`,
        sourceId: 'csv-lab',
      });
      expect(await personOfRecord(fixture, 'csv-lab|CP1')).toBe(owner.person);
      expect((await hub.data.facts.timeline(ctx, owner.person)).case).toMatchObject({
        personId: owner.person,
      });
      expect((await hub.data.facts.timeline(ctx, before)).case).toBeNull();
    });

    it('keeps its person when only the phone or a slip in the name changes', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub } = fixture;
      const id = composeResidentId('430202', '1988-08-08', '031');
      const person = { name: '黄海涛', gender: 'male', birthDate: '1988-08-08', residentId: id } as const;
      const lab = await post(fixture, 'keep-lab', person);
      const hospital = await post(fixture, 'keep-hosp', person);
      for (const fields of [
        { ...person, phone: '13807330099' },
        { ...person, name: '黄海滔' },
      ]) {
        const put = await hub.data.fhir.update(hospital.ctx, {
          type: 'Patient',
          id: hospital.id,
          body: patient(fields, hospital.id),
        });
        expect(put.status).toBe(200);
        expect(await personOfRecord(fixture, `keep-hosp|${hospital.id}`)).toBe(lab.person);
      }
      const open = (
        await hub.data.mpi.listReviews(fixture.ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
      ).items;
      expect(open.filter((r) => r.record.recordKey === `keep-hosp|${hospital.id}`)).toEqual([]);
    });

    it('that is its person’s only record keeps the person under its corrected resident ID', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const x = composeResidentId('430221', '1990-10-10', '024');
      const y = composeResidentId('430221', '1990-10-01', '024');
      const woman = { name: '彭思雨', gender: 'female', birthDate: '1990-10-01' } as const;
      const alone = await post(fixture, 'lone-lab', { ...woman, residentId: x });
      const put = await hub.data.fhir.update(alone.ctx, {
        type: 'Patient',
        id: alone.id,
        body: patient({ ...woman, residentId: y }, alone.id),
      });
      expect(put.status).toBe(200);
      expect(await personOfRecord(fixture, `lone-lab|${alone.id}`)).toBe(alone.person);
      const found = await hub.data.mpi.searchPersons(ctx, {
        limit: 5,
        offset: 0,
        order: 'asc',
        identifier: y,
      });
      expect(found.items.map((p) => p.id)).toEqual([alone.person]);
      expect((await post(fixture, 'lone-cdc', { ...woman, residentId: y })).person).toBe(alone.person);
      // The mistyped number is no longer hers: search finds nobody by it, and its true holder is apart.
      const byOld = await hub.data.mpi.searchPersons(ctx, {
        limit: 5,
        offset: 0,
        order: 'asc',
        identifier: x,
      });
      expect(byOld.items).toEqual([]);
      const holder = await post(fixture, 'lone-cdc', {
        name: '彭思远',
        gender: 'female',
        birthDate: '1990-10-10',
        residentId: x,
      });
      expect(holder.person).not.toBe(alone.person);
      expect((await hub.data.mpi.getPerson(ctx, alone.person)).identifiers.map((i) => i.value)).not.toContain(
        x,
      );
    });

    it('that now names someone else leaves its person, with a review pair to bring it back', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const id = composeResidentId('430203', '1966-01-21', '062');
      const woman = { name: '周淑芬', gender: 'female', birthDate: '1966-01-21' } as const;
      const lab = await post(fixture, 'away-lab', { ...woman, residentId: id });
      const hospital = await post(fixture, 'away-hosp', { ...woman, residentId: id });
      expect(hospital.person).toBe(lab.person);

      // The ID removed, and the name and birth date are another woman's: it no longer matches.
      const put = await hub.data.fhir.update(hospital.ctx, {
        type: 'Patient',
        id: hospital.id,
        body: patient({ name: '吴桂兰', gender: 'female', birthDate: '1958-09-30' }, hospital.id),
      });
      expect(put.status).toBe(200);
      const now = await personOfRecord(fixture, `away-hosp|${hospital.id}`);
      expect(now).not.toBe(lab.person);
      const pairs = (await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' }))
        .items;
      const pair = pairs.find((r) => r.record.recordKey === `away-hosp|${hospital.id}`);
      expect(pair).toMatchObject({
        candidate: { recordKey: `away-lab|${lab.id}` },
        explanation: { reasons: ['corrected-record'] },
      });

      // Removing only the ID keeps a record that still matches on name, sex and birth date.
      const third = await post(fixture, 'away-cdc', { ...woman, residentId: id });
      await hub.data.fhir.update(third.ctx, {
        type: 'Patient',
        id: third.id,
        body: patient(woman, third.id),
      });
      expect(await personOfRecord(fixture, `away-cdc|${third.id}`)).toBe(lab.person);
    });

    it('waiting for review, corrected to agree with its resident ID’s holder, joins the holder and its pair closes', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const woman = { name: '李秀英', gender: 'female', birthDate: '1975-03-02' } as const;
      const id = composeResidentId('430211', woman.birthDate, '042');
      const holder = await post(fixture, 'wait-hosp', { ...woman, residentId: id });
      // A name wholly unlike the holder's: the record waits for review on a person of its own.
      const slip = await post(fixture, 'wait-clinic', { ...woman, name: '欧阳娜娜', residentId: id });
      expect(slip.person).not.toBe(holder.person);
      const open = async () =>
        (await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' })).items.filter(
          (r) => r.record.recordKey === `wait-clinic|${slip.id}`,
        );
      expect((await open()).map((r) => r.explanation.reasons)).toEqual([['name-unlike-id-holder']]);

      const put = await hub.data.fhir.update(slip.ctx, {
        type: 'Patient',
        id: slip.id,
        body: patient({ ...woman, residentId: id }, slip.id),
      });
      expect(put.status).toBe(200);
      expect(await personOfRecord(fixture, `wait-clinic|${slip.id}`)).toBe(holder.person);
      // No pair is left saying the names are wholly unlike when they are the same.
      expect(await open()).toEqual([]);
    });

    it('waiting for review, moved by a new resident ID, leaves no pair that would merge the person it left', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const woman = { name: '李秀英', gender: 'female', birthDate: '1977-04-03' } as const;
      const man = { name: '赵德胜', gender: 'male', birthDate: '1968-07-12' } as const;
      const hers = composeResidentId('430211', woman.birthDate, '042');
      const his = composeResidentId('430211', man.birthDate, '051');
      const her = await post(fixture, 'moot-hosp', { ...woman, residentId: hers });
      const him = await post(fixture, 'moot-hosp', { ...man, residentId: his });
      const slip = await post(fixture, 'moot-clinic', { ...woman, name: '欧阳娜娜', residentId: hers });
      const key = `moot-clinic|${slip.id}`;
      const pair = (
        await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
      ).items.find((r) => r.record.recordKey === key);
      expect(pair).toMatchObject({ candidate: { personId: her.person } });

      // The clinic had sent the wrong patient's card and name: it is his record.
      await hub.data.fhir.update(slip.ctx, {
        type: 'Patient',
        id: slip.id,
        body: patient({ ...man, residentId: his }, slip.id),
      });
      expect(await personOfRecord(fixture, key)).toBe(him.person);
      const closed = await hub.data.mpi.getReview(ctx, pair!.id);
      expect(closed).toMatchObject({ status: 'superseded', decidedBy: 'system:hub-mpi' });
      await expect(hub.data.mpi.decideReview(ctx, pair!.id, { decision: 'merge' })).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('moved out of a merged person takes its mistyped ID along, and undoing the merge reopens no pair for it', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const man = { name: '马国庆', gender: 'male', birthDate: '1966-06-06' } as const;
      const wrong = composeResidentId('430202', '1966-06-16', '411');
      const right = composeResidentId('430202', man.birthDate, '433');
      const hospital = await post(fixture, 'mm-hosp', { ...man, phone: '13600000022' });
      // The lab's slips (name, birth date) put its record in review; the data manager merges it.
      const lab = await post(fixture, 'mm-lab', {
        name: '马国庆',
        gender: 'male',
        birthDate: '1966-06-16',
        residentId: wrong,
      });
      const pair = (
        await hub.data.mpi.listReviews(ctx, 'open', { limit: 50, offset: 0, order: 'asc' })
      ).items.find((r) => r.record.recordKey === `mm-lab|${lab.id}`);
      expect(pair).toMatchObject({ candidate: { personId: hospital.person } });
      const { mergeId } = await hub.data.mpi.decideReview(ctx, pair!.id, { decision: 'merge' });
      const clinic = await post(fixture, 'mm-clinic', { ...man, residentId: right });
      expect(clinic.person).not.toBe(hospital.person);

      // The lab corrects its record: his right name, birth date and card, the clinic's patient's.
      await hub.data.fhir.update(lab.ctx, {
        type: 'Patient',
        id: lab.id,
        body: patient({ ...man, residentId: right }, lab.id),
      });
      expect(await personOfRecord(fixture, `mm-lab|${lab.id}`)).toBe(clinic.person);
      const byWrong = () =>
        hub.data.mpi.searchPersons(ctx, { limit: 5, offset: 0, order: 'asc', identifier: wrong });
      expect((await byWrong()).items).toEqual([]);

      await hub.data.mpi.unmerge(ctx, mergeId!, 'the lab record was another man’s');
      expect((await byWrong()).items).toEqual([]);
      expect((await hub.data.mpi.getReview(ctx, pair!.id)).status).toBe('superseded');
      expect((await hub.data.mpi.getPerson(ctx, hospital.person)).openReviews).toBe(0);
    });

    it('moved to another person takes the follow-up its positive raised along', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const woman = { name: '蒋丽萍', gender: 'female', birthDate: '1993-03-03' } as const;
      const x = composeResidentId('430202', woman.birthDate, '722');
      const y = composeResidentId('430202', woman.birthDate, '744');
      const hospital = await post(fixture, 'task-hosp', { ...woman, residentId: x });
      const lab = await post(fixture, 'task-lab', { ...woman, residentId: x });
      expect(lab.person).toBe(hospital.person);
      // Resulted days ago and still without a case report: a follow-up is due.
      const result = { ...(positivePcr(lab.id) as object), issued: '2026-02-27T20:30:00+08:00' };
      expect((await hub.data.fhir.create(lab.ctx, 'Observation', result)).status).toBe(201);
      await hub.data.facts.sweep();
      const tasks = async () =>
        (await hub.data.facts.listFollowUps(ctx, {}, { limit: 200, offset: 0, order: 'asc' })).items.filter(
          (t) => t.kind === 'positive-unreported' && t.detail.sourceId === 'task-lab',
        );
      expect((await tasks()).map((t) => t.personId)).toEqual([lab.person]);

      await hub.data.fhir.update(lab.ctx, {
        type: 'Patient',
        id: lab.id,
        body: patient({ ...woman, residentId: y }, lab.id),
      });
      const moved = await personOfRecord(fixture, `task-lab|${lab.id}`);
      expect(moved).not.toBe(hospital.person);
      expect((await tasks()).map((t) => [t.personId, t.status])).toEqual([[moved, 'open']]);
      await hub.data.facts.sweep();
      expect(await tasks()).toHaveLength(1);
    });

    it('corrected away by two sources in turn leaves an emptied person that holds no ID and no search finds', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx, identity } = fixture;
      await hub.start();
      onTestFinished(() => hub.stop());
      const x = composeResidentId('430202', man.birthDate, '051');
      const y = composeResidentId('430202', man.birthDate, '077');
      const lab = await post(fixture, 'ghost-lab', { ...man, residentId: x });
      const hospital = await post(fixture, 'ghost-hosp', { ...man, residentId: x });
      expect(hospital.person).toBe(lab.person);
      const clinic = await post(fixture, 'ghost-clinic', { ...man, residentId: y });
      expect(clinic.person).not.toBe(lab.person);
      const ghost = lab.person;

      // Both had typed the wrong card: one after the other they correct it to the clinic's.
      for (const source of [lab, hospital])
        await hub.data.fhir.update(source.ctx, {
          type: 'Patient',
          id: source.id,
          body: patient({ ...man, residentId: y }, source.id),
        });
      expect(await personOfRecord(fixture, `ghost-lab|${lab.id}`)).toBe(clinic.person);
      expect(await personOfRecord(fixture, `ghost-hosp|${hospital.id}`)).toBe(clinic.person);

      // The person they left holds nothing, says so, and no search finds it.
      expect(await hub.data.mpi.getPerson(ctx, ghost)).toMatchObject({
        id: ghost,
        fate: 'emptied',
        recordsMovedTo: clinic.person,
        records: [],
        identifiers: [],
      });
      const search = (params: { q?: string; identifier?: string }) =>
        hub.data.mpi.searchPersons(ctx, { limit: 5, offset: 0, order: 'asc', ...params });
      expect((await search({ identifier: x })).items).toEqual([]);
      expect((await search({ q: ghost })).items).toEqual([]);
      // The mistyped number pulls the next record with it onto no ghost.
      const next = await post(fixture, 'ghost-cdc', { ...man, name: '林志刚', residentId: x });
      expect(next.person).not.toBe(ghost);
      expect((await hub.data.mpi.getPerson(ctx, clinic.person)).fate).toBe('active');
      // Nothing is merged into it (as a survivor it would hide the group from search) nor from it.
      for (const [survivorId, mergedId] of [
        [ghost, next.person],
        [next.person, ghost],
      ])
        await expect(
          hub.data.mpi.merge(ctx, { survivorId: survivorId!, mergedId: mergedId!, reason: 'test' }),
        ).rejects.toMatchObject({
          code: 'conflict',
          issues: [expect.objectContaining({ field: expect.any(String) })],
        });

      await hub.feed.settle();
      await identity.audit.drain();
      const entries = await identity.audit.list(
        { actorId: 'system:hub-mpi', resourceId: ghost },
        { limit: 10, offset: 0, order: 'asc' },
      );
      expect(entries.items).toEqual([
        expect.objectContaining({
          action: 'empty person left by a moved record',
          detail: expect.objectContaining({ recordsMovedTo: clinic.person, recordIds: [hospital.id] }),
        }),
      ]);
    });

    it('moved with a follow-up to a person who already has a case report closes it as the report would have', async () => {
      const fixture = dataHubFixture(getDatabase());
      const { hub, ctx } = fixture;
      const woman = { name: '邓春燕', gender: 'female', birthDate: '1991-04-04' } as const;
      const x = composeResidentId('430202', woman.birthDate, '762');
      const y = composeResidentId('430202', woman.birthDate, '784');
      const hospital = await post(fixture, 'ans-hosp', { ...woman, residentId: x });
      const lab = await post(fixture, 'ans-lab', { ...woman, residentId: x });
      // Her real card's holder (the same woman) was already reported as a case by the CDC's clinic.
      const clinic = await post(fixture, 'ans-clinic', { ...woman, residentId: y });
      expect(clinic.person).not.toBe(lab.person);
      const report = { ...covidDiagnosis, subject: { reference: `Patient/${clinic.id}` } };
      expect((await hub.data.fhir.create(clinic.ctx, 'Condition', report)).status).toBe(201);
      const result = { ...(positivePcr(lab.id) as object), issued: '2026-02-27T20:30:00+08:00' };
      expect((await hub.data.fhir.create(lab.ctx, 'Observation', result)).status).toBe(201);
      await hub.data.facts.sweep();
      const tasks = async () =>
        (await hub.data.facts.listFollowUps(ctx, {}, { limit: 200, offset: 0, order: 'asc' })).items.filter(
          (t) => t.kind === 'positive-unreported' && t.detail.sourceId === 'ans-lab',
        );
      expect((await tasks()).map((t) => [t.personId, t.status])).toEqual([[hospital.person, 'open']]);

      // The lab had typed the wrong card: the record, its positive and its follow-up move to the reported case.
      await hub.data.fhir.update(lab.ctx, {
        type: 'Patient',
        id: lab.id,
        body: patient({ ...woman, residentId: y }, lab.id),
      });
      expect(await personOfRecord(fixture, `ans-lab|${lab.id}`)).toBe(clinic.person);
      expect((await tasks()).map((t) => [t.personId, t.status, t.resolution])).toEqual([
        [clinic.person, 'resolved', 'case-reported'],
      ]);
      const [resolved] = (await hub.feed.read(0, 100_000, ['hub.followup.resolved'])).filter(
        (e) => e.personId === clinic.person,
      );
      expect(resolved).toMatchObject({
        payload: { kind: 'positive-unreported', resolution: 'case-reported' },
      });
      await hub.data.facts.sweep();
      expect(await tasks()).toHaveLength(1);
    });
  },
  { migrations: hubTestMigrations },
);
