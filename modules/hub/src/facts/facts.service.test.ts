import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubTestMigrations } from '../testing.js';
import { dataHubFixture } from '../records/testing.js';

const labHeader =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
const reportHeader =
  'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at';
const visitHeader =
  'visit_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,visit_at,temperature_c,fever,symptoms,clinic_id';
const residentId = '430211200106153360';

describeEachDatabase(
  'derived facts',
  (getDatabase) => {
    it('starts tracing on a positive result, raises a follow-up when no case report follows, and closes it when one does', async () => {
      const { hub, ctx, clock } = dataHubFixture(getDatabase());
      const lab = `${labHeader}\nF1,FP1,${residentId},,孙丽,,,,430211,,94500-6,2026-02-28T08:00:00+08:00,2026-02-28T20:00:00+08:00,positive,24.5,\n`;
      await hub.imports.run(ctx, {
        kind: 'lab-results',
        fileName: 'lab.csv',
        text: lab,
        sourceId: 'facts-lab',
      });
      const [confirmed] = await hub.feed.read(0, 1000, ['hub.case.confirmed']);
      expect(confirmed).toMatchObject({
        entityType: 'Case',
        areaCode: '430211',
        payload: {
          classification: 'asymptomatic',
          onset: null,
          firstPositiveSpecimen: '2026-02-28T00:00:00.000Z',
          areaCode: '430211',
        },
      });
      const personId = confirmed!.personId!;
      // The fixture's clock is 2026-03-01T08:00Z: the result came 20 hours ago, inside the 24-hour grace.
      expect(
        (await hub.data.facts.listFollowUps(ctx, { status: 'open' }, { limit: 50, offset: 0, order: 'asc' }))
          .total,
      ).toBe(0);
      clock.advanceMinutes(5 * 60);
      await hub.data.facts.sweep();
      const open = await hub.data.facts.listFollowUps(
        ctx,
        { status: 'open' },
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(open.items).toEqual([
        expect.objectContaining({ kind: 'positive-unreported', personId, status: 'open' }),
      ]);

      const report = `${reportHeader}\nC1,FP9,${residentId},,孙丽,,,,430211,,U07.1,confirmed,2026-02-26,2026-03-01T15:00:00+08:00\n`;
      await hub.imports.run(ctx, {
        kind: 'case-reports',
        fileName: 'cr.csv',
        text: report,
        sourceId: 'facts-hosp',
      });
      const resolved = await hub.data.facts.listFollowUps(
        ctx,
        { status: 'resolved' },
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(resolved.items).toEqual([expect.objectContaining({ personId, resolution: 'case-reported' })]);
      const updates = await hub.feed.read(0, 1000, ['hub.case.updated']);
      expect(updates.at(-1)?.payload).toMatchObject({
        classification: 'confirmed',
        onset: '2026-02-26',
        previousClassification: 'asymptomatic',
      });
    });

    it('raises a follow-up for a fever-clinic visit without a test, and lets a person resolve it', async () => {
      const { hub, ctx, clock } = dataHubFixture(getDatabase());
      const visits = `${visitHeader}\nV1,FV1,,,钱明,male,1980-01-02,,430202,,2026-02-27T10:00:00+08:00,38.4,,cough,FC-1\n`;
      await hub.imports.run(ctx, {
        kind: 'fever-clinic-visits',
        fileName: 'v.csv',
        text: visits,
        sourceId: 'facts-fc',
      });
      clock.advanceMinutes(10);
      await hub.data.facts.sweep();
      const open = await hub.data.facts.listFollowUps(
        ctx,
        { kind: 'fever-clinic-untested', status: 'open' },
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(open.items).toHaveLength(1);
      const resolved = await hub.data.facts.resolveFollowUp(ctx, open.items[0]!.id, {
        resolution: 'not-infected',
        note: '复诊体温正常',
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolution: 'not-infected',
        note: '复诊体温正常',
      });
      await expect(
        hub.data.facts.resolveFollowUp(ctx, open.items[0]!.id, { resolution: 'other' }),
      ).rejects.toThrow(/already resolved/);
    });

    it('shows a person timeline with contributed entries', async () => {
      const { hub, ctx } = dataHubFixture(getDatabase());
      const lab = `${labHeader}\nT1,TP1,,,郑芳,female,1975-09-09,,430203,,94558-4,2026-02-28T08:00:00+08:00,,negative,,\n`;
      await hub.imports.run(ctx, { kind: 'lab-results', fileName: 't.csv', text: lab, sourceId: 'facts-t' });
      const doc = await hub.data.mpi.exportLinkage();
      const personId = doc.persons.find((p) => p.records.some((r) => r.value === 'TP1'))!.person_id;
      hub.data.facts.registerTimelineContributor('presence', async ({ personIds }) =>
        personIds.includes(personId)
          ? [
              {
                at: '2026-02-27T02:00:00.000Z',
                kind: 'presence',
                id: 'chk-1',
                sourceId: null,
                personId,
                detail: { venue: 'V-42' },
              },
            ]
          : [],
      );
      const timeline = await hub.data.facts.timeline(ctx, personId);
      expect(timeline.entries.map((e) => e.kind)).toEqual(['record-linked', 'lab-result', 'presence']);
      expect(timeline.entries[1]!.detail).toMatchObject({
        code: '94558-4',
        testKind: 'antigen',
        result: 'negative',
      });
      expect(timeline.case).toBeNull();
    });
  },
  { migrations: hubTestMigrations },
);
