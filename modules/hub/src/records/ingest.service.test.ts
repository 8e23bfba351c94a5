import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture as hubFixture } from './testing.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
// Valid GB 11643 numbers (check characters computed by composeResidentId).
const zhang = '43020219900307457X';
const li = '430203197211302183';

function labRow(fields: {
  resultId: string;
  personId: string;
  residentId?: string;
  name: string;
  result?: string;
  specimen?: string;
}): string {
  return [
    fields.resultId,
    fields.personId,
    fields.residentId ?? '',
    '',
    fields.name,
    '',
    '',
    '',
    '430202',
    '',
    '94500-6',
    fields.specimen ?? '2026-02-27T08:10:00+08:00',
    (fields.specimen ?? '2026-02-27T08:10:00+08:00').replace('T08:10', 'T20:30'),
    fields.result ?? 'negative',
    '',
    'LAB-01',
  ].join(',');
}

describeEachDatabase(
  'the record store',
  (getDatabase) => {
    it('gives a CSV row a random record id, kept when the row is sent again (one derived from an ID number could be reversed)', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      // Some sources key their persons by the resident ID itself.
      const text = [header, labRow({ resultId: 'R9', personId: li, residentId: li, name: '李娜' }), ''].join(
        '\n',
      );
      const patientIdOf = async (sourceId: string) => {
        const rows = await getDatabase()
          .db.selectFrom('hub_records')
          .select('id')
          .where('source_id', '=', sourceId)
          .where('resource_type', '=', 'Patient')
          .execute();
        expect(rows).toHaveLength(1);
        return String(rows[0]!.id);
      };
      await hub.imports.run(ctx, { kind: 'lab-results', fileName: 'a.csv', text, sourceId: 'lab-rand' });
      const first = await patientIdOf('lab-rand');
      // What the id used to be: a plain hash of source and ID number, which anyone could recompute.
      const guessable = `pat-${createHash('sha256').update(`lab-rand\u0000Patient|${li}`).digest('hex').slice(0, 32)}`;
      expect(first).not.toBe(guessable);
      expect(first).toMatch(/^pat-[A-Za-z0-9]{20}$/);
      const again = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        text,
        sourceId: 'lab-rand',
      });
      expect(again).toMatchObject({ status: 'accepted', accepted: 0, unchanged: 1 });
      expect(await patientIdOf('lab-rand')).toBe(first);
    });

    it('stores each CSV row with its person, and a re-sent file changes nothing', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const text = [
        header,
        labRow({ resultId: 'R1', personId: 'P1', residentId: zhang, name: '张伟' }),
        labRow({
          resultId: 'R2',
          personId: 'P1',
          residentId: zhang,
          name: '张伟',
          specimen: '2026-02-28T08:10:00+08:00',
        }),
        '',
      ].join('\n');
      const first = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        text,
        sourceId: 'lab-a',
      });
      expect(first.errors).toEqual([]);
      expect(first).toMatchObject({ status: 'accepted', total: 2, accepted: 2, rejected: 0 });
      const again = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        text,
        sourceId: 'lab-a',
      });
      expect(again).toMatchObject({ status: 'accepted', accepted: 0, unchanged: 2 });
      const observations = await getDatabase()
        .db.selectFrom('observations')
        .selectAll()
        .where('source_id', '=', 'lab-a')
        .execute();
      expect(observations).toHaveLength(2);
      expect(new Set(observations.map((o) => String(o.person_id))).size).toBe(1);
      expect(observations[0]).toMatchObject({
        loinc_code: '94500-6',
        result: 'negative',
        test_kind: 'pcr',
        area_code: '430202',
      });
    });

    it('keeps the earlier version when a corrected record arrives', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const row = (result: string) =>
        [header, labRow({ resultId: 'R9', personId: 'P9', residentId: li, name: '李娜', result }), ''].join(
          '\n',
        );
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'b.csv',
        text: row('negative'),
        sourceId: 'lab-b',
      });
      const corrected = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'b.csv',
        text: row('positive'),
        sourceId: 'lab-b',
      });
      expect(corrected).toMatchObject({ status: 'accepted', accepted: 1 });
      const stored = await getDatabase()
        .db.selectFrom('hub_records')
        .selectAll()
        .where('source_id', '=', 'lab-b')
        .where('resource_type', '=', 'Observation')
        .execute();
      expect(stored).toHaveLength(1);
      expect(Number(stored[0]!.version)).toBe(2);
      const history = await hub.data.records.history('Observation', stored[0]!.id as string);
      expect(history.map((v) => Number(v.version))).toEqual([2, 1]);
      const fact = await getDatabase()
        .db.selectFrom('observations')
        .selectAll()
        .where('id', '=', stored[0]!.id)
        .executeTakeFirstOrThrow();
      expect(fact.result).toBe('positive');
    });

    it('refuses a result dated in the future (a typed year), naming line and column', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const text = [
        header,
        labRow({ resultId: 'F1', personId: 'PF', name: '孙丽' }),
        labRow({ resultId: 'F2', personId: 'PF', name: '孙丽', specimen: '2099-02-27T08:10:00+08:00' }),
        '',
      ].join('\n');
      const report = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'future.csv',
        text,
        sourceId: 'lab-future',
      });
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([
        {
          line: 3,
          field: 'specimen_collected_at',
          reason: expect.stringContaining('in the future') as string,
          code: 'in-future',
          params: { value: expect.any(String) as string, today: '2026-03-01' },
        },
      ]);
    });

    it('rejects a file with a bad line whole, naming line, column and reason, and stores nothing', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const text = [
        header,
        labRow({ resultId: 'X1', personId: 'PX', name: '王芳' }),
        labRow({ resultId: 'X2', personId: 'PY', name: '赵强', result: 'maybe' }),
        '',
      ].join('\n');
      const report = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'c.csv',
        text,
        sourceId: 'lab-c',
      });
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([
        {
          line: 3,
          field: 'result',
          reason: expect.stringContaining('positive') as string,
          code: 'one-of',
          params: { values: expect.stringContaining('positive') as string },
        },
      ]);
      const stored = await getDatabase()
        .db.selectFrom('hub_records')
        .select('id')
        .where('source_id', '=', 'lab-c')
        .execute();
      expect(stored).toHaveLength(0);
      const partial = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'c.csv',
        text,
        sourceId: 'lab-c',
        partial: true,
      });
      expect(partial).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
    });

    it('stores a row whole or not at all: a partial import keeps no patient of a row whose result is refused', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const text = [
        header,
        labRow({ resultId: 'F-1', personId: 'F-P1', residentId: zhang, name: '张伟' }),
        // Collected "next year": the result is refused, and with it the row's patient.
        labRow({
          resultId: 'F-2',
          personId: 'F-P2',
          residentId: li,
          name: '李娜',
          specimen: '2027-02-27T08:10:00+08:00',
        }),
        '',
      ].join('\n');
      const job = await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'f.csv',
        text,
        sourceId: 'lab-f',
        partial: true,
      });
      expect(job).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
      expect(job.errors).toEqual([
        expect.objectContaining({ line: 3, field: 'specimen_collected_at', code: 'in-future' }),
      ]);
      const stored = await getDatabase()
        .db.selectFrom('hub_records')
        .select('source_record_id')
        .where('source_id', '=', 'lab-f')
        .orderBy('source_record_id')
        .execute();
      expect(stored.map((r) => String(r.source_record_id))).toEqual(['F-1', 'F-P1']);
      const links = await getDatabase()
        .db.selectFrom('person_links')
        .select('source_record_id')
        .where('source_id', '=', 'lab-f')
        .execute();
      expect(links.map((l) => String(l.source_record_id))).toEqual(['F-P1']);
    });

    it('links records of one resident from two sources to one person and publishes them', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const text = (source: string) =>
        [
          header,
          labRow({
            resultId: `${source}-1`,
            personId: `${source}-P`,
            residentId: '430211200106153360',
            name: '陈静',
          }),
          '',
        ].join('\n');
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'd.csv',
        text: text('s1'),
        sourceId: 'lab-d1',
      });
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'd.csv',
        text: text('s2'),
        sourceId: 'lab-d2',
      });
      const links = await getDatabase()
        .db.selectFrom('person_links')
        .selectAll()
        .where('source_id', 'in', ['lab-d1', 'lab-d2'])
        .orderBy('linked_at')
        .execute();
      expect(links).toHaveLength(2);
      expect(links[0]!.person_id).toBe(links[1]!.person_id);
      expect(links[1]!.method).toBe('resident-id');
      const person = await getDatabase()
        .db.selectFrom('persons')
        .selectAll()
        .where('id', '=', links[0]!.person_id)
        .executeTakeFirstOrThrow();
      expect(person).toMatchObject({
        name: '陈静',
        sex: 'female',
        birth_date: '2001-06-15',
        area_code: '430202',
      });
      const events = await hub.feed.read(0, 1000, ['hub.person.linked', 'hub.observation.created']);
      expect(events.filter((e) => e.personId === links[0]!.person_id)).toHaveLength(4);
    });

    it('imports FHIR NDJSON and refuses a result whose patient nobody sent', async () => {
      const { hub, ctx } = hubFixture(getDatabase());
      const patient = {
        resourceType: 'Patient',
        id: 'nd-p1',
        name: [{ text: '刘洋' }],
        gender: 'female',
        birthDate: '1988-05-01',
      };
      const observation = (id: string, subject: string) => ({
        resourceType: 'Observation',
        id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
        subject: { reference: subject },
        effectiveDateTime: '2026-02-28T09:00:00+08:00',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
      });
      const lines = [patient, observation('nd-o1', 'Patient/nd-p1'), observation('nd-o2', 'Patient/nobody')];
      const text = lines.map((l) => JSON.stringify(l)).join('\n');
      const report = await hub.imports.run(ctx, {
        kind: 'fhir',
        fileName: 'e.ndjson',
        text,
        sourceId: 'hosp-e',
      });
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([
        {
          line: 3,
          field: 'subject',
          reason: expect.stringContaining('Patient/nobody') as string,
          code: 'patient-unknown',
          params: { id: 'nobody' },
        },
      ]);
      const none = await getDatabase()
        .db.selectFrom('hub_records')
        .select('id')
        .where('source_id', '=', 'hosp-e')
        .execute();
      expect(none).toHaveLength(0);
      const ok = await hub.imports.run(ctx, {
        kind: 'fhir',
        fileName: 'e.ndjson',
        text: lines
          .slice(0, 2)
          .map((l) => JSON.stringify(l))
          .join('\n'),
        sourceId: 'hosp-e',
      });
      expect(ok).toMatchObject({ status: 'accepted', accepted: 2 });
      const stored = await hub.data.records.readOwn('hosp-e', 'Observation', 'nd-o1');
      expect(stored?.local_id).toBe('nd-o1');
      expect(stored?.resource).toMatchObject({ subject: { reference: 'Patient/nd-p1' } });
      expect(stored?.person_id).toMatch(/^per_/);
    });
  },
  { migrations: hubTestMigrations },
);
