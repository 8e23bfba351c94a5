/**
 * A data source reads back what it submitted — as its bound user account or its API key — and nothing else:
 * the persons its records are about (by its record numbers or by name), as its records state them, and its
 * own entries on their timeline; never another source's records, the golden record or the derived case.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { mpiRoutes } from '../mpi/mpi.routes.js';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, type HubFixture } from '../testing.js';
import { factsRoutes } from './facts.routes.js';

const PASSWORD = 'a long test passphrase';
const RESIDENT_ID = '430202199003074571';
const labHeader =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const row = (result: string, patient: string, id: string, name: string, outcome: string) =>
  `${result},${patient},${id},,${name},female,1990-03-07,,430202,,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,${outcome},,`;

interface PersonItem {
  id: string;
  name: string | null;
  recordNumbers: string[];
}
interface TimelineBody {
  personId: string;
  person: PersonItem;
  entries: { kind: string; sourceId: string | null; detail: Record<string, unknown> }[];
  case: unknown;
  sources: { id: string; name: string }[];
}

describeEachDatabase(
  'a data source reading back its submissions',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let labA: { id: string; apiKey: string };
    let labB: { id: string; apiKey: string };
    let clerk: Record<string, string>;
    /** The platform's person ids (never shown to a source). */
    let sharedPerson: string;
    let onlyB: string;
    /** The handle Lab A knows the shared woman by: the id of its own patient record about her. */
    let shared: string;

    const persons = async (headers: Record<string, string>, q = '') =>
      app.inject({ url: `/api/v1/submissions/persons${q ? `?q=${encodeURIComponent(q)}` : ''}`, headers });

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(factsRoutes, { facts: f.hub.data.facts });
      await app.register(mpiRoutes, { mpi: f.hub.data.mpi });
      await app.ready();
      labA = await f.hub.sources.addSource({ name: '甲检验所 Lab A', type: 'lab', areaCode: '4302' });
      labB = await f.hub.sources.addSource({ name: '乙医院 Hospital B', type: 'hospital', areaCode: '4302' });
      // The same woman from both (one resident ID), A and B spelling her name differently; one person each alone.
      await f.hub.imports.run(f.ctx, {
        kind: 'lab-results',
        fileName: 'a.csv',
        sourceId: labA.id,
        text: [
          labHeader,
          row('RA-1', 'PA-1', RESIDENT_ID, '王秀英', 'positive'),
          row('RA-2', 'PA-2', '', '李四', 'negative'),
          '',
        ].join('\n'),
      });
      await f.hub.imports.run(f.ctx, {
        kind: 'lab-results',
        fileName: 'b.csv',
        sourceId: labB.id,
        text: [
          labHeader,
          row('RB-1', 'PB-1', RESIDENT_ID, '王秀瑛', 'negative'),
          row('RB-2', 'PB-2', '', '赵六', 'negative'),
          '',
        ].join('\n'),
      });
      const linkage = await f.hub.data.mpi.exportLinkage();
      const personOf = (value: string) =>
        linkage.persons.find((p) => p.records.some((r) => r.value === value))!.person_id;
      sharedPerson = personOf('PA-1');
      expect(personOf('PB-1')).toBe(sharedPerson);
      onlyB = personOf('PB-2');
      const ownRecord = await getDatabase()
        .db.selectFrom('person_links')
        .select('record_id')
        .where('source_id', '=', labA.id)
        .where('source_record_id', '=', 'PA-1')
        .executeTakeFirstOrThrow();
      shared = String(ownRecord.record_id);
      await f.identity.users.createUser({
        username: 'clerk-a',
        displayName: 'Clerk A',
        role: 'data_source',
        areaCode: '4302',
        sourceId: labA.id,
        password: PASSWORD,
      });
      clerk = {
        authorization: `Bearer ${(await f.identity.auth.login('clerk-a', PASSWORD, '127.0.0.1')).token}`,
      };
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    describe('person search', () => {
      it('lists only the persons the source sent records about, as its own records name them', async () => {
        const response = await persons(clerk);
        expect(response.statusCode).toBe(200);
        const items = response.json().items as PersonItem[];
        expect(items.map((p) => p.name).sort()).toEqual(['李四', '王秀英'].sort());
        expect(items.find((p) => p.id === shared)).toMatchObject({ name: '王秀英', recordNumbers: ['PA-1'] });
        expect(response.json().total).toBe(2);
      });

      it('finds a person by the source’s own result number, patient number or name, never by another’s', async () => {
        for (const q of ['RA-1', 'PA-1', '秀英', RESIDENT_ID])
          expect(
            ((await persons(clerk, q)).json().items as PersonItem[]).map((p) => p.id),
            q,
          ).toEqual([shared]);
        for (const q of ['RB-1', 'PB-2', '赵六', '秀瑛'])
          expect((await persons(clerk, q)).json().items, q).toEqual([]);
      });

      it('takes % and _ in a name search literally', async () => {
        await f.hub.imports.run(f.ctx, {
          kind: 'lab-results',
          fileName: 'a2.csv',
          sourceId: labA.id,
          text: [labHeader, row('RA-3', 'PA-3', '', 'O_Neil 100%', 'negative'), ''].join('\n'),
        });
        const names = async (q: string) =>
          ((await persons(clerk, q)).json().items as PersonItem[]).map((p) => p.name);
        expect(await names('o_neil')).toEqual(['O_Neil 100%']);
        expect(await names('100%')).toEqual(['O_Neil 100%']);
        expect(await names('王_英')).toEqual([]);
        expect(await names('%')).toEqual(['O_Neil 100%']);
      });

      it('answers the source’s API key the same way, with no sharing agreement', async () => {
        const response = await persons({ authorization: `Bearer ${labB.apiKey}` });
        expect(response.statusCode).toBe(200);
        expect((response.json().items as PersonItem[]).map((p) => p.name).sort()).toEqual(['王秀瑛', '赵六']);
      });
    });

    describe('the timeline', () => {
      it('shows only the source’s own results, the person as its records state them, no case', async () => {
        const response = await app.inject({
          url: `/api/v1/submissions/persons/${shared}/timeline`,
          headers: clerk,
        });
        expect(response.statusCode).toBe(200);
        const body = response.json() as TimelineBody;
        expect(body.entries.map((e) => [e.kind, e.sourceId, e.detail['result']])).toEqual([
          ['lab-result', labA.id, 'positive'],
        ]);
        expect(body.person).toMatchObject({ name: '王秀英', recordNumbers: ['PA-1'] });
        expect(body.case).toBeNull();
        expect(body.sources).toEqual([{ id: labA.id, name: '甲检验所 Lab A' }]);
        expect(response.body).not.toContain('王秀瑛');
        expect(response.body).not.toContain(labB.id);
      });

      it('answers a person the source sent nothing about as it answers one who does not exist', async () => {
        const other = await app.inject({
          url: `/api/v1/submissions/persons/${onlyB}/timeline`,
          headers: clerk,
        });
        const none = await app.inject({
          url: '/api/v1/submissions/persons/per_nobody/timeline',
          headers: clerk,
        });
        expect(other.statusCode).toBe(404);
        expect(none.statusCode).toBe(404);
        expect(other.json().detail.replace(onlyB, 'X')).toBe(none.json().detail.replace('per_nobody', 'X'));
      });

      it('audits every read with the purpose data_submission', async () => {
        await f.identity.audit.drain();
        const user = await f.identity.users.findByUsername('clerk-a');
        const audit = await f.identity.audit.list(
          { actorIds: [user!.id] },
          { limit: 50, offset: 0, order: 'asc' },
        );
        expect(audit.items.length).toBeGreaterThanOrEqual(4);
        expect(new Set(audit.items.map((a) => a.purpose))).toEqual(new Set(['data_submission']));
        expect(audit.items.map((a) => a.resource_type)).toContain('person');
      });
    });

    it('pages and counts its persons as merged: two of its persons merged into one are listed once', async () => {
      const all = (await persons(clerk)).json().items as PersonItem[];
      const [survivor, merged] = all.filter((p) => p.id !== shared);
      const linkage = await f.hub.data.mpi.exportLinkage();
      const platformIdOf = (item: PersonItem) =>
        linkage.persons.find((p) =>
          p.records.some((r) => r.source_id === labA.id && r.value === item.recordNumbers[0]),
        )!.person_id;
      await f.hub.data.mpi.merge(f.ctx, {
        survivorId: platformIdOf(survivor!),
        mergedId: platformIdOf(merged!),
        reason: 'the same patient registered twice',
      });
      const pages = [];
      for (let offset = 0; offset < all.length; offset++) {
        const response = await app.inject({
          url: `/api/v1/submissions/persons?limit=1&offset=${offset}`,
          headers: clerk,
        });
        expect(response.json().total).toBe(all.length - 1);
        pages.push(...(response.json().items as PersonItem[]).map((p) => p.id));
      }
      // The merged pair is named by the newer of its two patient records.
      expect(pages).toHaveLength(2);
      expect(pages).toContain(shared);
      const [pair] = pages.filter((id) => id !== shared);
      expect([survivor!.id, merged!.id]).toContain(pair);
      const listed = ((await persons(clerk)).json().items as PersonItem[]).find((p) => p.id === pair);
      expect(listed?.recordNumbers.sort()).toEqual(
        [...survivor!.recordNumbers, ...merged!.recordNumbers].sort(),
      );
    });

    it('never names a person by the platform’s id (the feed’s pseudonym), only by the source’s own records', async () => {
      const list = await persons(clerk, RESIDENT_ID);
      expect((list.json().items as PersonItem[]).map((p) => p.id)).toEqual([shared]);
      const timeline = await app.inject({
        url: `/api/v1/submissions/persons/${shared}/timeline`,
        headers: clerk,
      });
      for (const body of [list.body, timeline.body]) expect(body).not.toContain(sharedPerson);
      expect((timeline.json() as TimelineBody).personId).toBe(shared);
      // Asking by the platform's id finds nothing: it is not one of the source's records.
      const byPlatformId = await app.inject({
        url: `/api/v1/submissions/persons/${sharedPerson}/timeline`,
        headers: clerk,
      });
      expect(byPlatformId.statusCode).toBe(404);
      // Another source's record id is not a handle either.
      const theirs = await getDatabase()
        .db.selectFrom('person_links')
        .select('record_id')
        .where('source_id', '=', labB.id)
        .executeTakeFirstOrThrow();
      expect(
        (
          await app.inject({
            url: `/api/v1/submissions/persons/${String(theirs.record_id)}/timeline`,
            headers: clerk,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('keeps the staff person routes closed to a data source', async () => {
      expect((await app.inject({ url: '/api/v1/persons', headers: clerk })).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/v1/persons/${sharedPerson}`, headers: clerk })).statusCode).toBe(
        403,
      );
      expect(
        (await app.inject({ url: `/api/v1/persons/${sharedPerson}/timeline`, headers: clerk })).statusCode,
      ).toBe(403);
    });

    it('is closed to staff, who read persons through the person index, whose timeline names the sources', async () => {
      await f.identity.users.createUser({
        username: 'epi-1',
        displayName: 'Epi',
        role: 'epidemiologist',
        password: PASSWORD,
      });
      const epi = {
        authorization: `Bearer ${(await f.identity.auth.login('epi-1', PASSWORD, '127.0.0.1')).token}`,
      };
      expect((await persons(epi)).statusCode).toBe(403);
      // Staff see every source's entries, each source named as registered.
      const timeline = await app.inject({ url: `/api/v1/persons/${sharedPerson}/timeline`, headers: epi });
      expect(timeline.statusCode).toBe(200);
      expect((timeline.json() as TimelineBody).sources).toEqual(
        [
          { id: labA.id, name: '甲检验所 Lab A' },
          { id: labB.id, name: '乙医院 Hospital B' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    });
  },
  { migrations: hubTestMigrations },
);
