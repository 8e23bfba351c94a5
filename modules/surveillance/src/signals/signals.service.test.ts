import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { NewsItem } from '../ebs/index.js';
import { careHomeFluZh, signalsFixture, signalsTestMigrations, type SignalsFixture } from './testing.js';

const page = { limit: 50, offset: 0, order: 'asc' as const };

/** Items about six events with six different diseases, so that no two of them ever cluster. */
const events: Record<'dengue' | 'measles' | 'norovirus' | 'hfmd' | 'mpox' | 'plague', NewsItem> = {
  dengue: {
    lang: 'en',
    title: 'Dengue cases rise in Foshan',
    text: 'Health officials in Foshan, Guangdong province, reported 21 new locally acquired dengue fever cases on March 10, and urged residents to clear standing water.',
    published: '2025-03-10',
    url: 'https://wire.example.com/dengue/foshan',
  },
  measles: {
    lang: 'en',
    title: 'Measles outbreak grows in West Texas',
    text: 'Texas health officials reported 48 measles cases in Gaines County on March 7, most of them in unvaccinated children; eight patients have been hospitalised.',
    published: '2025-03-07',
  },
  norovirus: {
    lang: 'zh',
    title: '荷塘区一小学发生诺如病毒感染疫情',
    text: '3月10日，株洲市荷塘区茨菇塘街道一所小学报告呕吐腹泻病例18例，经检测为诺如病毒感染，疾控部门已开展调查处置。',
    published: '2025-03-10',
  },
  hfmd: {
    lang: 'zh',
    title: '醴陵市一幼儿园发生手足口病聚集性疫情',
    text: '醴陵市卫健局3月9日通报，阳三石街道一所幼儿园近一周共发现手足口病患儿9例，已对班级采取停课措施。',
    published: '2025-03-09',
  },
  mpox: {
    lang: 'en',
    title: 'Mpox cases climb in Kinshasa',
    text: 'The Democratic Republic of the Congo confirmed 42 new mpox cases in Kinshasa on March 10, the health ministry said.',
    published: '2025-03-10',
  },
  plague: {
    lang: 'en',
    title: 'Plague cases reported in Madagascar',
    text: 'Madagascar health authorities reported 11 suspected pneumonic plague cases and 3 deaths in Antananarivo on March 8.',
    published: '2025-03-08',
  },
};

async function newSignal(f: SignalsFixture, item: NewsItem): Promise<string> {
  const report = await f.module.news.ingest(f.ctx, [item], { origin: 'api' });
  const id = report.items[0]?.signalId;
  if (!id) throw new Error(`no signal for ${item.title}`);
  return id;
}

describeEachDatabase(
  'signal triage',
  (getDatabase) => {
    it('moves a signal new → investigating → confirmed with notes, who and when, and audits each decision', async () => {
      const f = signalsFixture(getDatabase());
      const id = await newSignal(f, careHomeFluZh);
      f.clock.advanceMinutes(30);
      const investigating = await f.module.signals.triage(f.epi, id, {
        status: 'investigating',
        note: '已联系荷塘区疾控核实',
      });
      expect(investigating).toMatchObject({
        status: 'investigating',
        triagedBy: '流调员 Epi',
        triagedAt: '2025-03-12T08:30:00.000Z',
        allowedTransitions: ['confirmed', 'dismissed'],
      });
      f.clock.advanceMinutes(60);
      const confirmed = await f.module.signals.triage(f.epi, id, {
        status: 'confirmed',
        note: 'Lab confirmed H3N2 cluster',
      });
      expect(confirmed.decisions.map((d) => [d.kind, d.fromStatus, d.toStatus, d.note, d.actorId])).toEqual([
        ['triage', 'new', 'investigating', '已联系荷塘区疾控核实', 'usr_epi'],
        ['triage', 'investigating', 'confirmed', 'Lab confirmed H3N2 cluster', 'usr_epi'],
      ]);
      expect(confirmed.allowedTransitions).toEqual([]);
      expect(f.feed.topics().filter((t) => t.startsWith('surveillance.signal.triaged'))).toEqual([
        `surveillance.signal.triaged ${id}`,
        `surveillance.signal.triaged ${id}`,
      ]);
      await f.identity.audit.drain();
      const audit = await f.identity.audit.list({ resourceType: 'signal', resourceId: id }, page);
      expect(
        [...audit.items]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((e) => [e.action, e.actor_id, e.detail]),
      ).toEqual([
        [
          'signal triage',
          'usr_epi',
          { decision: confirmed.decisions[0]!.id, kind: 'triage', from: 'new', to: 'investigating' },
        ],
        [
          'signal triage',
          'usr_epi',
          { decision: confirmed.decisions[1]!.id, kind: 'triage', from: 'investigating', to: 'confirmed' },
        ],
      ]);
    });

    it('refuses a decision the triage rules do not allow, a note too short and an unknown signal', async () => {
      const f = signalsFixture(getDatabase());
      const id = await newSignal(f, events.measles);
      await expect(
        f.module.signals.triage(f.epi, id, { status: 'confirmed', note: 'looks real' }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: `signal ${id}: a new signal can move to investigating or dismissed, not confirmed`,
      });
      await expect(
        f.module.signals.triage(f.epi, id, { status: 'dismissed', note: 'x' }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ record: `signal ${id}`, field: 'note', reason: 'write a note of at least 3 characters' }],
      });
      await expect(
        f.module.signals.triage(f.epi, 'signal-99999', { status: 'dismissed', note: 'no such' }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      expect((await f.module.signals.getSignal(id)).status).toBe('new');
    });

    it('re-opens a dismissed signal when a new item about it comes in', async () => {
      const f = signalsFixture(getDatabase());
      const first = events.dengue;
      const id = await newSignal(f, first);
      await f.module.signals.triage(f.epi, id, { status: 'dismissed', note: 'seasonal, already known' });
      f.clock.advanceMinutes(120);
      const later = await f.module.news.ingest(
        f.ctx,
        [
          {
            ...first,
            title: `${first.title} sharply`,
            text: first.text.replace('21 new', '85 new'),
            url: `${first.url}-update`,
          },
        ],
        { origin: 'feed' },
      );
      expect(later.items[0]!.signalId).toBe(id);
      const detail = await f.module.signals.getSignal(id);
      expect(detail.status).toBe('new');
      expect(detail.maxCases).toBe(85);
      expect(detail.decisions.map((d) => [d.kind, d.fromStatus, d.toStatus, d.actorId])).toEqual([
        ['triage', 'new', 'dismissed', 'usr_epi'],
        ['reopen', 'dismissed', 'new', 'system:signals'],
      ]);
    });

    it('merges two signals of one event: the kept one takes the items, the other is marked merged', async () => {
      const f = signalsFixture(getDatabase());
      const march = { ...events.mpox, url: 'https://wire.example.com/mpox/kinshasa' };
      const kept = await newSignal(f, march);
      // The same outbreak reported a month later: beyond the clustering window, so a signal of its own.
      const april = {
        ...march,
        url: `${march.url}-april`,
        published: '2025-04-15',
        text: march.text.replace('March 10', 'April 15').replace('42 new', '140 new'),
      };
      const absorbed = await newSignal(f, april);
      expect(absorbed).not.toBe(kept);
      const merged = await f.module.signals.merge(f.epi, kept, {
        absorbedId: absorbed,
        note: 'same Kinshasa outbreak',
      });
      expect(merged).toMatchObject({
        id: kept,
        itemCount: 2,
        firstSeen: '2025-03-10',
        lastSeen: '2025-04-15',
        maxCases: 140,
      });
      expect(merged.decisions.at(-1)).toMatchObject({
        kind: 'merge',
        relatedSignalId: absorbed,
        note: 'same Kinshasa outbreak',
      });
      const gone = await f.module.signals.getSignal(absorbed);
      expect(gone).toMatchObject({ status: 'merged', mergedInto: kept, allowedTransitions: [] });
      const items = await f.module.signals.listSignalItems(kept, page);
      expect(items.total).toBe(2);
      const listed = await f.module.signals.listSignals({}, { ...page, q: 'Kinshasa' });
      expect(listed.items.map((s) => s.id)).toEqual([kept]);
      await expect(
        f.module.signals.merge(f.epi, kept, { absorbedId: absorbed, note: 'again please' }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ record: absorbed, field: 'absorbedId', reason: `already merged into ${kept}` }],
      });
      await expect(
        f.module.signals.merge(f.epi, kept, { absorbedId: kept, note: 'itself' }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
      // A later report joins the merged signal, not the one it absorbed.
      const may = {
        ...april,
        url: `${march.url}-may`,
        title: 'Mpox in Kinshasa keeps rising',
        published: '2025-04-20',
        text: april.text.replace('April 15', 'April 20'),
      };
      expect((await f.module.news.ingest(f.ctx, [may], { origin: 'api' })).items[0]!.signalId).toBe(kept);
    });

    it('retires signals no new item can join any more, once a day, and lists open work for the command centre', async () => {
      const f = signalsFixture(getDatabase());
      const fresh = await newSignal(f, events.plague);
      const open = await f.module.signals.listOpenSignals(f.epi, 100);
      expect(open.map((s) => s.id)).toContain(fresh);
      expect(open.every((s) => s.status === 'new' || s.status === 'investigating')).toBe(true);
      for (let i = 1; i < open.length; i++) expect(open[i - 1]!.lastSeen >= open[i]!.lastSeen).toBe(true);

      f.clock.set('2025-04-01T00:00:00Z');
      const first = await f.module.signals.retireStaleSignals();
      expect(first.day).toBe('2025-04-01');
      expect(first.retired).toContain(fresh);
      expect((await f.module.signals.getSignal(fresh)).retired).toBe(true);
      expect((await f.module.signals.retireStaleSignals()).retired).toEqual([]);
    });

    it('filters signals by status, disease, language and area, and searches them', async () => {
      const f = signalsFixture(getDatabase());
      const noro = await newSignal(f, events.norovirus);
      const ids = async (query: Parameters<typeof f.module.signals.listSignals>[0], q?: string) =>
        (await f.module.signals.listSignals(query, { ...page, ...(q ? { q } : {}) })).items.map((s) => s.id);
      const hfmd = await newSignal(f, events.hfmd);
      expect(await ids({ disease: 'norovirus', area: '430202' })).toEqual([noro]);
      expect(await ids({ area: '430281' })).toEqual([hfmd]);
      expect(await ids({ lang: 'zh', status: 'open' })).toEqual(expect.arrayContaining([noro, hfmd]));
      expect(await ids({ lang: 'en' })).not.toContain(noro);
      expect(await ids({}, '茨菇塘')).toEqual([noro]);
      expect(await ids({ status: 'confirmed' })).not.toContain(noro);
      const facets = await f.module.signals.diseaseFacets();
      expect(facets.find((d) => d.id === 'hfmd')).toMatchObject({ count: 1 });
    });
  },
  { migrations: signalsTestMigrations },
);
