import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { createTestApp, signIn, signInBearer, type TestApp } from './testing.js';

const header =
  'result_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,test_code,specimen_collected_at,resulted_at,result,ct_value,lab_id';
// Same woman registered twice: birth day and month swapped, no phone or area on the second record.
const rows = [
  'H1,W1,,,王秀英,female,1968-04-12,13907331234,430202,荷塘区新华路1号,94500-6,2026-02-27T08:10:00+08:00,2026-02-27T20:30:00+08:00,negative,,',
  'H2,W2,,,王秀英,female,1968-04-21,,,,94500-6,2026-02-28T08:10:00+08:00,2026-02-28T20:30:00+08:00,positive,22.1,',
];

describeEachDatabase('persons, linkage review and source quality over HTTP', (getDatabase) => {
  let t: TestApp;
  let labKey: string;
  let labId: string;
  let epi: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(getDatabase());
    const admin = await signIn(t.app, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: admin.headers,
      payload: {
        name: '荷塘区疾控检验 Hetang lab',
        type: 'lab',
        areaCode: '430202',
        expectedIntervalHours: 12,
      },
    });
    ({ id: labId, apiKey: labKey } = created.json() as { id: string; apiKey: string });
    const upload = (text: string, fileName: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/imports?kind=lab-results&fileName=${fileName}&wait=true`,
        headers: { authorization: `Bearer ${labKey}`, 'content-type': 'text/csv' },
        payload: text,
      });
    expect((await upload(`${header}\n${rows[0]}\n`, 'one.csv')).json()).toMatchObject({ status: 'accepted' });
    expect((await upload(`${header}\n${rows[1]}\n`, 'two.csv')).json()).toMatchObject({ status: 'accepted' });
    const bad = await upload(`${header}\n${rows[0]!.replace('negative', 'unclear')}\n`, 'bad.csv');
    expect(bad.json()).toMatchObject({ status: 'rejected', issues: [{ line: 2, field: 'result' }] });
    epi = await signInBearer(t.app, 'epi');
  });
  afterAll(async () => t.close());

  it('finds persons by name, masked per role', async () => {
    const asEpi = await t.app.inject({ url: '/api/v1/persons?q=王秀英', headers: epi });
    expect(asEpi.statusCode).toBe(200);
    expect(asEpi.json().items[0]).toMatchObject({
      name: '王秀英',
      birthDate: expect.stringMatching(/^1968-04-/),
    });
    const grid = await signInBearer(t.app, 'grid');
    const asGrid = await t.app.inject({ url: '/api/v1/persons?q=王', headers: grid });
    expect(asGrid.json().items[0]).toMatchObject({ name: '王秀英', birthDate: '1968-**-**' });
  });

  it('refuses a free-text search of the review queue to an admin, who sees ID numbers masked', async () => {
    const admin = await signInBearer(t.app, 'admin');
    const refused = await t.app.inject({ url: '/api/v1/linkage/reviews?q=4302', headers: admin });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', issues: [{ field: 'q' }] });
    expect((await t.app.inject({ url: '/api/v1/linkage/reviews?q=4302', headers: epi })).statusCode).toBe(
      200,
    );
  });

  it('lets an epidemiologist merge a review pair and undo the merge', async () => {
    const queue = await t.app.inject({ url: '/api/v1/linkage/reviews?status=open', headers: epi });
    expect(queue.statusCode).toBe(200);
    const review = queue.json().items[0];
    expect(review.record.recordKey).toBe(`${labId}|W2`);
    expect(review.explanation.fields.find((f: { field: string }) => f.field === 'birthDate').level).not.toBe(
      'exact',
    );
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/linkage/reviews/${review.id}/decision`,
      headers: epi,
      payload: { decision: 'merge', reason: '同一人，出生日期录入颠倒' },
    });
    expect(decided.json()).toMatchObject({ status: 'merged' });
    const person = await t.app.inject({ url: `/api/v1/persons/${review.record.personId}`, headers: epi });
    expect(person.json().records).toHaveLength(2);
    const timeline = await t.app.inject({
      url: `/api/v1/persons/${review.record.personId}/timeline`,
      headers: epi,
    });
    expect(timeline.json().case).toMatchObject({ classification: 'asymptomatic' });
    expect(timeline.json().entries.filter((e: { kind: string }) => e.kind === 'lab-result')).toHaveLength(2);
    const merge = person.json().merges[0];
    const undone = await t.app.inject({
      method: 'POST',
      url: `/api/v1/linkage/merges/${merge.id}/undo`,
      headers: epi,
      payload: { reason: '核实为两人' },
    });
    expect(undone.json()).toMatchObject({ status: 'undone' });
    const exported = await t.app.inject({ url: '/api/v1/linkage/export', headers: epi });
    expect(
      exported.json().persons.filter((p: { records: unknown[] }) => p.records.length === 2),
    ).toHaveLength(0);
  });

  it('shows each source with its last record, records today and rejection rate', async () => {
    const analyst = await signInBearer(t.app, 'analyst');
    const response = await t.app.inject({ url: '/api/v1/sources/quality', headers: analyst });
    expect(response.statusCode).toBe(200);
    const lab = response.json().items.find((i: { source: { id: string } }) => i.source.id === labId);
    expect(lab.health).toMatchObject({ recordsToday: 2, accepted: 2, rejected: 1, silent: false });
    expect(lab.health.rejectionRate).toBeCloseTo(1 / 3, 5);
    expect(lab.health.lastRecordAt).not.toBeNull();
  });
});
