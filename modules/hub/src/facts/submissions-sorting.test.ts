/**
 * A data source's persons list sorts and orders as every list does (`sort`, `order`), by what the source's
 * own newest patient record about each person states — the name it sent, not the golden record's — whether
 * it pages through all its persons or through a search's matches.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { dataHubFixture } from '../records/testing.js';
import { gatedTestApp, hubTestMigrations, type HubFixture } from '../testing.js';
import { factsRoutes } from './facts.routes.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';

interface Row {
  patient: string;
  name: string;
  birthDate: string;
  area: string;
}
const line = (r: Row) =>
  `R-${r.patient},${r.patient},,,${r.name},female,${r.birthDate},,${r.area},,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,negative,,`;

describeEachDatabase(
  'a data source’s persons list in order',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    let lab: { id: string; apiKey: string };

    const names = async (query: string) => {
      const response = await app.inject({
        url: `/api/v1/submissions/persons?${query}`,
        headers: { authorization: `Bearer ${lab.apiKey}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as { name: string }[]).map((p) => p.name);
    };

    beforeAll(async () => {
      f = dataHubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(factsRoutes, { facts: f.hub.data.facts });
      await app.ready();
      lab = await f.hub.sources.addSource({ name: 'Sorting Lab', type: 'lab', areaCode: '4302' });
      const hospital = await f.hub.sources.addSource({ name: 'Other Hospital', type: 'hospital' });
      // Submitted one after another: Mali first, Zhaoliu last.
      const rows: Row[] = [
        { patient: 'P-1', name: 'Mali', birthDate: '1970-05-05', area: '430211' },
        { patient: 'P-2', name: 'Qiqi', birthDate: '1990-01-01', area: '430202' },
        { patient: 'P-3', name: 'Binbin', birthDate: '2001-09-09', area: '430203' },
        { patient: 'P-4', name: 'Zhaoliu', birthDate: '1955-02-02', area: '430204' },
      ];
      for (const row of rows) {
        f.clock.advanceMinutes(5);
        await f.hub.imports.run(f.ctx, {
          kind: 'lab-results',
          fileName: `${row.patient}.csv`,
          sourceId: lab.id,
          text: `${header}\n${line(row)}\n`,
        });
      }
      // Another source reported Qiqi later under another name, and the two were merged: her golden record's
      // name is now theirs ('Aaaa'), which would sort her first; the lab's list sorts her by the name it sent.
      f.clock.advanceMinutes(5);
      await f.hub.imports.run(f.ctx, {
        kind: 'lab-results',
        fileName: 'h.csv',
        sourceId: hospital.id,
        text: `${header}\n${line({ patient: 'H-1', name: 'Aaaa', birthDate: '1991-01-01', area: '430202' })}\n`,
      });
      const linkage = await f.hub.data.mpi.exportLinkage();
      const personOf = (value: string) =>
        linkage.persons.find((p) => p.records.some((r) => r.value === value))!.person_id;
      await f.hub.data.mpi.merge(f.ctx, {
        survivorId: personOf('H-1'),
        mergedId: personOf('P-2'),
        reason: 'the same woman',
      });
      expect((await f.hub.data.mpi.getPerson(f.ctx, personOf('P-2'))).name).toBe('Aaaa');
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    describe('over all its persons', () => {
      it('orders by when it last submitted about each, oldest or newest first', async () => {
        expect(await names('order=asc')).toEqual(['Mali', 'Qiqi', 'Binbin', 'Zhaoliu']);
        expect(await names('order=desc')).toEqual(['Zhaoliu', 'Binbin', 'Qiqi', 'Mali']);
        expect(await names('sort=linked&order=desc&limit=2&offset=1')).toEqual(['Binbin', 'Qiqi']);
      });

      it('sorts by the name, birth date or area its own records give', async () => {
        expect(await names('sort=name&order=asc')).toEqual(['Binbin', 'Mali', 'Qiqi', 'Zhaoliu']);
        expect(await names('sort=name&order=desc')).toEqual(['Zhaoliu', 'Qiqi', 'Mali', 'Binbin']);
        expect(await names('sort=birthDate&order=asc')).toEqual(['Zhaoliu', 'Mali', 'Qiqi', 'Binbin']);
        expect(await names('sort=area&order=desc')).toEqual(['Mali', 'Zhaoliu', 'Binbin', 'Qiqi']);
      });
    });

    describe('over a search’s matches', () => {
      it('sorts and orders them the same way', async () => {
        // 'i' is in every name: all four match, and are sorted before the page is cut.
        expect(await names('q=i&sort=name&order=asc')).toEqual(['Binbin', 'Mali', 'Qiqi', 'Zhaoliu']);
        expect(await names('q=i&order=desc')).toEqual(['Zhaoliu', 'Binbin', 'Qiqi', 'Mali']);
        expect(await names('q=i&sort=area&order=asc&limit=2&offset=1')).toEqual(['Binbin', 'Zhaoliu']);
      });
    });

    it('refuses a sort key it does not know, naming it', async () => {
      const response = await app.inject({
        url: '/api/v1/submissions/persons?sort=residentId',
        headers: { authorization: `Bearer ${lab.apiKey}` },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues).toEqual([
        { field: 'sort', reason: 'one of linked, name, birthDate, area' },
      ]);
    });
  },
  { migrations: hubTestMigrations },
);
