/**
 * A source's search of its own persons finds every match, sorted, paged and counted like the whole list: a
 * name search matching more persons than one page (or than any fixed cap) pages through all of them in order.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { composeResidentId } from '../core/index.js';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, type HubFixture } from '../testing.js';
import { factsRoutes } from './facts.routes.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const PERSONS = 650;
const pad = (i: number) => String(i).padStart(4, '0');
/** A birth date (40 days apart) and so a resident ID of each person's own: no two are taken for one person. */
const birthDate = (i: number) =>
  new Date(Date.UTC(1940, 0, 1) + i * 40 * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase(
  'a data source’s search of its persons',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let lab: { id: string; apiKey: string };

    const list = async (query: string) => {
      const response = await app.inject({
        url: `/api/v1/submissions/persons?${query}`,
        headers: { authorization: `Bearer ${lab.apiKey}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { total: number; items: { name: string }[] };
      return { total: page.total, names: page.items.map((p) => p.name) };
    };

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(factsRoutes, { facts: f.hub.data.facts });
      await app.ready();
      lab = await f.hub.sources.addSource({ name: 'Search Lab', type: 'lab', areaCode: '4302' });
      // Names Nm0001 … Nm0650 given in reverse, so that the order they were stored in is not the name order;
      // one more person, Other, matches no name search.
      const rows = Array.from({ length: PERSONS }, (_, k) => {
        const i = PERSONS - k;
        return `R-${i},P-${i},${composeResidentId('430202', birthDate(i), '002')},,Nm${pad(i)},female,${birthDate(i)},,430202,,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,negative,,`;
      });
      rows.push(
        'R-X,P-X,,,Other,male,1970-01-01,,430202,,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,negative,,',
      );
      const report = await f.hub.imports.run(f.ctx, {
        kind: 'lab-results',
        fileName: 'many.csv',
        sourceId: lab.id,
        text: `${header}\n${rows.join('\n')}\n`,
      });
      expect(report).toMatchObject({ status: 'accepted' });
    }, 120_000);
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('counts every match and pages through them in the order asked for', async () => {
      expect(await list('q=nm&sort=name&order=asc&limit=3')).toEqual({
        total: PERSONS,
        names: ['Nm0001', 'Nm0002', 'Nm0003'],
      });
      expect(await list('q=nm&sort=name&order=desc&limit=2')).toEqual({
        total: PERSONS,
        names: [`Nm${pad(PERSONS)}`, `Nm${pad(PERSONS - 1)}`],
      });
      // The last page of the matches, past any first few hundred.
      expect(await list(`q=nm&sort=name&order=asc&limit=5&offset=${PERSONS - 2}`)).toEqual({
        total: PERSONS,
        names: [`Nm${pad(PERSONS - 1)}`, `Nm${pad(PERSONS)}`],
      });
      expect((await list('limit=1')).total).toBe(PERSONS + 1);
    });

    it('finds a person by a record number of its patient or of a result, and counts it once', async () => {
      expect(await list('q=P-17')).toEqual({ total: 1, names: ['Nm0017'] });
      expect(await list('q=R-17')).toEqual({ total: 1, names: ['Nm0017'] });
      expect(await list('q=nobody')).toEqual({ total: 0, names: [] });
    });
  },
  { migrations: hubTestMigrations },
);
