import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '@shuzhi/core';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { defaultGazetteer } from '@shuzhi/surveillance';
import { createTestApp, signIn, signInBearer, type SignedIn, type TestApp } from './testing.js';

const chinese = {
  title: '株洲市芦淞区一学校发生诺如病毒感染聚集性疫情',
  text: '株洲市芦淞区疾控中心3月11日通报，建设街道一所中学近3天累计报告呕吐、腹泻病例31例，经实验室检测确认为诺如病毒GII型感染，无重症病例。学校已停课消毒，疾控部门正在开展流行病学调查。',
};
const english =
  'Norovirus outbreak at Zhuzhou school\n' +
  'Health officials in Lusong District, Zhuzhou, said on March 11 that 31 students at a middle school in Jianshe Subdistrict had fallen ill with vomiting and diarrhoea over three days. Laboratory tests confirmed norovirus GII; no severe cases were reported.';
const flowerShow = {
  title: '神农公园春季花展开幕',
  text: '3月10日，株洲市神农公园春季花展正式开幕，展出郁金香、樱花等三十余个品种，预计持续至4月中旬。',
};

interface Report {
  stored: number;
  duplicates: number;
  items: {
    itemId: string;
    lang: string;
    relevant: boolean;
    signalId: string | null;
    signalCreated: boolean;
  }[];
}

describeEachDatabase('event-based surveillance over HTTP', (getDatabase) => {
  let t: TestApp;
  let epi: SignedIn;
  let analyst: SignedIn;
  let signalId: string;
  beforeAll(async () => {
    // Build the gazetteer before the app starts sampling the event loop (the server does the same).
    defaultGazetteer().findPlaceMentions('Zhuzhou', 'en');
    t = await createTestApp(
      getDatabase(),
      // The test serves its feed on 127.0.0.1.
      { allowPrivateOutbound: true },
      { clock: new FixedClock('2025-03-12T08:00:00Z') },
    );
    epi = await signIn(t.app, 'epi');
    analyst = await signIn(t.app, 'analyst');
  });
  afterAll(async () => t.close());

  const post = (url: string, who: SignedIn, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: who.headers, payload });

  it('makes one signal of a pasted Chinese item and an English item about the same outbreak', async () => {
    const first = await post('/api/v1/news', epi, chinese);
    expect(first.statusCode).toBe(201);
    const zh = (first.json() as Report).items[0]!;
    expect(zh).toMatchObject({ lang: 'zh', relevant: true, signalCreated: true });
    signalId = zh.signalId!;

    const second = await post('/api/v1/news/batch', epi, { content: english, format: 'text' });
    expect(second.statusCode).toBe(201);
    expect((second.json() as Report).items[0]).toMatchObject({ lang: 'en', relevant: true, signalId });

    const list = await t.app.inject({ url: '/api/v1/signals?status=open', headers: analyst.headers });
    expect(list.statusCode).toBe(200);
    const signal = (list.json() as { items: { id: string }[] }).items.find((s) => s.id === signalId);
    expect(signal).toMatchObject({
      status: 'new',
      disease: { id: 'norovirus' },
      place: { scheme: 'GB/T 2260', nameZh: '建设街道' },
      maxCases: 31,
      itemCount: 2,
      languages: ['en', 'zh'],
    });
    const items = await t.app.inject({ url: `/api/v1/signals/${signalId}/items`, headers: analyst.headers });
    const shown = (
      items.json() as {
        items: { readText: string; highlights: { start: number; end: number; kind: string }[] }[];
      }
    ).items;
    expect(shown).toHaveLength(2);
    for (const item of shown) {
      const diseases = item.highlights
        .filter((h) => h.kind === 'disease')
        .map((h) => item.readText.slice(h.start, h.end));
      expect(diseases.join(' ')).toMatch(/诺如病毒|norovirus/i);
    }

    const events = await t.platform.hub.feed.read(0, 100, [
      'surveillance.signal.created',
      'surveillance.signal.updated',
    ]);
    expect(events.map((e) => [e.topic, e.entityId])).toEqual([
      ['surveillance.signal.created', signalId],
      ['surveillance.signal.updated', signalId],
    ]);
    expect(events[0]!.areaCode).toMatch(/^430203\d{6}$/);
  });

  it('stores an item that is not about an outbreak, filterable, without a signal', async () => {
    const response = await post('/api/v1/news', epi, flowerShow);
    expect((response.json() as Report).items[0]).toMatchObject({
      lang: 'zh',
      relevant: false,
      signalId: null,
    });
    const irrelevant = await t.app.inject({ url: '/api/v1/news?relevant=false', headers: analyst.headers });
    expect((irrelevant.json() as { items: { title: string }[] }).items.map((i) => i.title)).toEqual([
      flowerShow.title,
    ]);
    const again = await post('/api/v1/news', epi, flowerShow);
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('triages new → investigating with a note, and refuses a transition the rules do not allow', async () => {
    const refused = await post(`/api/v1/signals/${signalId}/triage`, epi, {
      status: 'confirmed',
      note: '已核实',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'conflict',
      detail: `signal ${signalId}: a new signal can move to investigating or dismissed, not confirmed`,
      issues: [{ record: signalId, field: 'status' }],
    });
    const noNote = await post(`/api/v1/signals/${signalId}/triage`, epi, {
      status: 'investigating',
      note: '',
    });
    expect(noNote.statusCode).toBe(400);
    expect((noNote.json() as { issues: { field: string }[] }).issues.map((i) => i.field)).toEqual(['note']);

    const ok = await post(`/api/v1/signals/${signalId}/triage`, epi, {
      status: 'investigating',
      note: '已通知芦淞区疾控中心现场核实',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'investigating',
      triagedAt: '2025-03-12T08:00:00.000Z',
      allowedTransitions: ['confirmed', 'dismissed'],
      decisions: [
        {
          kind: 'triage',
          fromStatus: 'new',
          toStatus: 'investigating',
          note: '已通知芦淞区疾控中心现场核实',
        },
      ],
    });
    await t.platform.identity.audit.drain();
    const audit = await t.platform.identity.audit.list(
      { resourceType: 'signal', resourceId: signalId },
      { limit: 20, offset: 0, order: 'asc' },
    );
    const actions = audit.items.map((e) => [e.action, e.outcome]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['POST /api/v1/signals/:id/triage', 'success'],
        ['POST /api/v1/signals/:id/triage', 'failure'],
        ['signal triage', 'success'],
      ]),
    );
    expect(audit.items.find((e) => e.action === 'signal triage')!.detail).toMatchObject({
      from: 'new',
      to: 'investigating',
    });
  });

  it('refuses roles and consumers without the permission', async () => {
    expect(
      (await post(`/api/v1/signals/${signalId}/triage`, analyst, { status: 'dismissed', note: 'not ours' }))
        .statusCode,
    ).toBe(403);
    expect((await post('/api/v1/news', analyst, chinese)).statusCode).toBe(403);
    const citizen = await signIn(t.app, 'citizen');
    expect((await t.app.inject({ url: '/api/v1/signals', headers: citizen.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/signals' })).statusCode).toBe(401);
    const admin = await signIn(t.app, 'admin');
    const source = await post('/api/v1/sources', admin, {
      name: '新闻聚合服务 News aggregator',
      type: 'cdc',
    });
    const apiKey = (source.json() as { apiKey: string }).apiKey;
    const asSource = { authorization: `Bearer ${apiKey}` };
    expect((await t.app.inject({ url: '/api/v1/signals', headers: asSource })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/news', headers: asSource, payload: chinese }))
        .statusCode,
    ).toBe(403);
    // A bearer session of the epidemiologist needs no CSRF token; a cookie session does.
    const bearer = await signInBearer(t.app, 'epi');
    expect((await t.app.inject({ url: '/api/v1/news/feeds', headers: bearer })).statusCode).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/news',
      headers: { cookie: epi.cookie },
      payload: chinese,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('registers a feed served locally, polls it and stores nothing twice', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          title: 'Local wire',
          items: [
            {
              title: 'Norovirus outbreak at Zhuzhou school',
              content_text: english,
              url: 'https://wire.example/zz-noro',
              date_published: '2025-03-11T06:00:00Z',
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
      const registered = await post('/api/v1/news/feeds', epi, { url, intervalMinutes: 15 });
      expect(registered.statusCode).toBe(201);
      const id = (registered.json() as { id: string }).id;
      const first = await post(`/api/v1/news/feeds/${id}/poll`, epi, {});
      expect(first.json()).toMatchObject({
        feed: { title: 'Local wire', lastStatus: 'ok' },
        ingest: { stored: 1 },
      });
      const second = await post(`/api/v1/news/feeds/${id}/poll`, epi, {});
      expect(second.json()).toMatchObject({ ingest: { stored: 0, duplicates: 1 } });
      const feeds = await t.app.inject({ url: '/api/v1/news/feeds', headers: analyst.headers });
      expect((feeds.json() as { items: { url: string; itemsTotal: number }[] }).items).toEqual([
        expect.objectContaining({ url, itemsTotal: 1 }),
      ]);
      expect((await post('/api/v1/news/feeds', epi, { url })).statusCode).toBe(409);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('lists open signals for the command centre and the diseases for filters', async () => {
    const open = await t.app.inject({ url: '/api/v1/signals/open?limit=5', headers: analyst.headers });
    expect((open.json() as { items: { id: string; status: string }[] }).items).toEqual([
      expect.objectContaining({ id: signalId, status: 'investigating' }),
    ]);
    const facets = await t.app.inject({ url: '/api/v1/signals/facets', headers: analyst.headers });
    expect(facets.json()).toEqual({
      diseases: [{ id: 'norovirus', nameEn: expect.any(String), nameZh: expect.any(String), count: 1 }],
    });
    expect(await t.platform.signals.signals.listOpenSignals(analystContext(), 5)).toHaveLength(1);
  });
});

function analystContext() {
  return {
    principal: {
      kind: 'user' as const,
      id: 'usr_analyst',
      role: 'analyst' as const,
      displayName: 'analyst',
      areaCode: '4302',
    },
    purpose: 'surveillance' as const,
    clock: new FixedClock('2025-03-12T08:00:00Z'),
    disclosed: new Set<never>(),
  };
}
