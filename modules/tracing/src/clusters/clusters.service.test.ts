import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { csv, tracingFixture, tracingTestMigrations } from '../presence/tracing-fixture.js';

const CHECKINS = 'person_id,venue_id,check_in,check_out,zone';
const CASE_REPORTS =
  'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at';
// Valid GB 11643 numbers (check digit computed).
const A = '430202198503121235';
const B = '43020219900307457X';
const C = '430202199201010016';

describeEachDatabase(
  'transmission chains and clusters',
  (getDatabase) => {
    it('links a case to the earlier case it met before falling ill, and clusters them apart from the unlinked', async () => {
      const f = tracingFixture(getDatabase(), '2026-03-12T00:00:00Z');
      await f.importCsv(
        'venues',
        csv('venue_id,name,type,area,zones,lat,lon,capacity', [
          'CL-V1,Market,market,430202001000,,27.86,113.15,300',
        ]),
      );
      await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          // B meets A at the market one day after A fell ill; C is elsewhere.
          `${A},CL-V1,2026-03-02T09:00:00+08:00,2026-03-02T10:00:00+08:00,`,
          `${B},CL-V1,2026-03-02T09:10:00+08:00,2026-03-02T09:50:00+08:00,`,
          `${C},CL-V2,2026-03-02T09:00:00+08:00,2026-03-02T10:00:00+08:00,`,
        ]),
      );
      const report = await f.importCsv(
        'case-reports',
        csv(CASE_REPORTS, [
          `CL-A,,${A},,甲,male,1985-03-12,,430202,,U07.1,confirmed,2026-03-01,2026-03-03T21:00:00+08:00`,
          `CL-B,,${B},,乙,female,1990-03-07,,430202,,U07.1,confirmed,2026-03-05,2026-03-07T21:00:00+08:00`,
          `CL-C,,${C},,丙,male,1992-01-01,,430203,,U07.1,confirmed,2026-03-04,2026-03-06T21:00:00+08:00`,
        ]),
      );
      expect(report.status, JSON.stringify(report.errors)).toBe('accepted');
      const ids = await f.hub.persons.resolveRefs([A, B, C], { createMissing: false });

      const computed = await f.tracing.clusters.recompute(f.ctx);
      expect(computed).toMatchObject({ cases: 3, traced: 3, clusters: 1, largest: 2 });

      const page = await f.tracing.clusters.list(f.ctx, {}, { limit: 10, offset: 0, order: 'asc' });
      expect(page.items).toHaveLength(1);
      const cluster = page.items[0]!;
      expect(cluster).toMatchObject({
        id: ids.get(A),
        size: 2,
        generations: 2,
        cases: [ids.get(A), ids.get(B)],
        edges: [{ infector: ids.get(A), infectee: ids.get(B), likelihood: 1 }],
        places: [{ kind: 'venue', place_id: 'CL-V1', cases: 2 }],
        areaCode: '430202',
        firstOnset: '2026-02-28T16:00:00.000Z',
        lastOnset: '2026-03-04T16:00:00.000Z',
      });
      expect(cluster.timeline).toHaveLength(5);
      expect(cluster.timeline[0]).toEqual({ date: '2026-03-01', cases: 1 });

      const graph = await f.tracing.clusters.graph(f.ctx, cluster.id, 100);
      expect(graph.cases.map((c) => [c.personId, c.generation])).toEqual([
        [ids.get(A), 1],
        [ids.get(B), 2],
      ]);
      expect(graph.cases[1]!.infectors).toEqual([
        expect.objectContaining({ personId: ids.get(A), likelihood: 1, serialIntervalDays: 4 }),
      ]);
      expect(graph.places[0]).toMatchObject({ placeId: 'CL-V1', name: 'Market', lat: 27.86, lon: 113.15 });

      const other = {
        ...f.ctx,
        principal: { ...f.ctx.principal, kind: 'user' as const, areaCode: '430203' },
      };
      expect((await f.tracing.clusters.list(other, {}, { limit: 10, offset: 0, order: 'asc' })).total).toBe(
        0,
      );
      await expect(f.tracing.clusters.get(other, cluster.id)).rejects.toMatchObject({ code: 'not_found' });
    });
  },
  { migrations: tracingTestMigrations },
);
