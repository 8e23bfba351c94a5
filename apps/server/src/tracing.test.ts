import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock, type Purpose } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { systemContext } from '@shuzhi/identity';
import { createTestApp, signIn, type SignedIn, type TestApp } from './testing.js';

const CASE = '430202198503121235';
const files: Record<string, string[]> = {
  venues: [
    'venue_id,name,type,area,zones,lat,lon,capacity',
    'H-V1,菜市场,market,430202001000,,27.86,113.15,400',
  ],
  checkins: [
    'person_id,venue_id,check_in,check_out,zone',
    `${CASE},H-V1,2026-03-04T10:00:00+08:00,2026-03-04T11:00:00+08:00,`,
    'http-close,H-V1,2026-03-04T10:15:00+08:00,2026-03-04T12:00:00+08:00,',
    'http-second,H-V2,2026-03-04T13:00:00+08:00,2026-03-04T14:00:00+08:00,',
    'http-close,H-V2,2026-03-04T13:00:00+08:00,2026-03-04T13:30:00+08:00,',
  ],
  'case-reports': [
    'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at',
    `CR-H1,,${CASE},,张晓明,male,1985-03-12,,430202,,U07.1,confirmed,2026-03-05,2026-03-06T21:00:00+08:00`,
  ],
};

describeEachDatabase('contact tracing over HTTP', (getDatabase) => {
  let t: TestApp;
  let epi: SignedIn;
  let analyst: SignedIn;
  let casePerson: string;
  beforeAll(async () => {
    t = await createTestApp(getDatabase(), {}, { clock: new FixedClock('2026-03-07T02:00:00Z') });
    await t.platform.tracing.start();
    const ctx = systemContext('test', 'data_submission' as Purpose, t.platform.clock);
    for (const [kind, lines] of Object.entries(files)) {
      const report = await t.platform.hub.imports.run(ctx, {
        kind,
        fileName: kind,
        text: `${lines.join('\n')}\n`,
      });
      expect(report.status, JSON.stringify(report.errors)).toBe('accepted');
    }
    await t.platform.hub.feed.settle();
    casePerson = (await t.platform.hub.persons.resolveRefs([CASE], { createMissing: false })).get(CASE)!;
    epi = await signIn(t.app, 'epi');
    analyst = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t.close());

  it('lists the confirmed case with the trace that ran when it was confirmed', async () => {
    const response = await t.app.inject({ url: '/api/v1/tracing/cases', headers: epi.headers });
    expect(response.statusCode).toBe(200);
    const [kase] = (response.json() as { items: { personId: string; latestRun: Record<string, unknown> }[] })
      .items;
    expect(kase).toMatchObject({
      personId: casePerson,
      latestRun: {
        trigger: 'case-confirmed',
        closeCount: 1,
        secondaryCount: 1,
        report: {
          contacts: { close: 1, secondary: 1 },
          topPlaces: [
            { place_id: 'H-V1', category: 'market', close: 1, secondary: 0, share: 0.5 },
            // Not on the venue list: its check-ins count under the general rules.
            { place_id: 'H-V2', category: 'unlisted', close: 0, secondary: 1, share: 0.5 },
          ],
        },
      },
    });
  });

  it("puts the person's presence on their timeline in the hub's person page", async () => {
    const response = await t.app.inject({
      url: `/api/v1/persons/${casePerson}/timeline`,
      headers: epi.headers,
    });
    expect(response.statusCode).toBe(200);
    const presence = (
      response.json() as { entries: { kind: string; at: string; detail: object }[] }
    ).entries.filter((e) => e.kind === 'presence');
    expect(presence).toEqual([
      {
        at: '2026-03-04T02:00:00.000Z',
        kind: 'presence',
        id: 'venue:H-V1:1772589600000',
        sourceId: null,
        personId: casePerson,
        detail: {
          presenceKind: 'venue',
          placeId: 'H-V1',
          zone: null,
          row: null,
          end: '2026-03-04T03:00:00.000Z',
        },
      },
    ]);
  });

  it('gives the contacts, the graph with venue positions, and the task board', async () => {
    const contacts = (
      await t.app.inject({ url: `/api/v1/tracing/cases/${casePerson}/contacts`, headers: epi.headers })
    ).json() as { items: { personRef: string; degree: number; taskId: string }[] };
    expect(contacts.items.map((c) => [c.personRef, c.degree])).toEqual([
      ['http-close', 1],
      ['http-second', 2],
    ]);
    const graph = (
      await t.app.inject({ url: `/api/v1/tracing/cases/${casePerson}/graph`, headers: epi.headers })
    ).json() as {
      nodes: { kind: string }[];
      edges: unknown[];
      places: { placeId: string; lat: number | null }[];
    };
    expect(graph.nodes.map((n) => n.kind)).toEqual(['case', 'close', 'secondary']);
    expect(graph.edges).toHaveLength(2);
    expect(graph.places).toContainEqual(expect.objectContaining({ placeId: 'H-V1', lat: 27.86 }));
    const counts = (await t.app.inject({ url: '/api/v1/tracing/tasks/counts', headers: epi.headers })).json();
    expect(counts).toMatchObject({ identified: 2, quarantined: 0 });
  });

  it('refuses a free-text task search to a role that sees ID numbers masked (it matches person references)', async () => {
    const grid = await signIn(t.app, 'grid');
    const refused = await t.app.inject({ url: '/api/v1/tracing/tasks?q=4302', headers: grid.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', issues: [{ field: 'q' }] });
    const listed = await t.app.inject({ url: '/api/v1/tracing/tasks', headers: grid.headers });
    expect(listed.statusCode).toBe(200);
  });

  it('moves a task with the CSRF token and records who did it', async () => {
    const tasks = (
      await t.app.inject({ url: '/api/v1/tracing/tasks?q=http-close', headers: epi.headers })
    ).json() as { items: { id: string }[] };
    const id = tasks.items[0]!.id;
    const withoutCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracing/tasks/${id}/move`,
      headers: { cookie: epi.cookie },
      payload: { status: 'notified' },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracing/tasks/${id}/move`,
      headers: epi.headers,
      payload: { status: 'notified', note: 'phoned' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'notified' });
    const detail = (
      await t.app.inject({ url: `/api/v1/tracing/tasks/${id}`, headers: epi.headers })
    ).json() as {
      history: { action: string; note: string | null; actor: string }[];
    };
    const move = detail.history.find((h) => h.action === 'status');
    expect(move).toMatchObject({ action: 'status', note: 'phoned' });
    expect(move!.actor).toMatch(/^usr_/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracing/tasks/${id}/move`,
      headers: epi.headers,
      payload: { status: 'released' },
    });
    expect(wrong.statusCode).toBe(409);
  });

  it('streams the `shuzhi trace` output, masking ids as imported for a role that may not see them', async () => {
    const url = `/api/v1/tracing/trace?case=${CASE}&from=2026-03-03T00:00:00%2B08:00&to=2026-03-06T00:00:00%2B08:00`;
    const clear = (await t.app.inject({ url, headers: epi.headers })).json() as {
      case: string;
      contacts: { person_id: string; exposures: { via: string | null }[] }[];
    };
    expect(clear.case).toBe(CASE);
    expect(clear.contacts.map((c) => c.person_id)).toEqual(['http-close', 'http-second']);
    const masked = (await t.app.inject({ url, headers: analyst.headers })).json() as typeof clear;
    expect(masked.contacts.map((c) => c.person_id)).toEqual(['ht****lose', 'ht*****cond']);
    expect(masked.contacts[1]!.exposures[0]!.via).toBe('ht****lose');
  });

  it('adds an interview exposure and refuses roles without tracing rights', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracing/cases/${casePerson}/exposures`,
      headers: epi.headers,
      payload: {
        personRef: 'named-in-interview',
        from: '2026-03-04T19:00:00+08:00',
        to: '2026-03-04T21:00:00+08:00',
      },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ contactId: expect.stringMatching(/^con_/) });
    const byAnalyst = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracing/cases/${casePerson}/exposures`,
      headers: analyst.headers,
      payload: { personRef: 'x', from: '2026-03-04T19:00:00+08:00', to: '2026-03-04T21:00:00+08:00' },
    });
    expect(byAnalyst.statusCode).toBe(403);
    const citizen = await signIn(t.app, 'citizen');
    expect((await t.app.inject({ url: '/api/v1/tracing/tasks', headers: citizen.headers })).statusCode).toBe(
      403,
    );
  });
});
