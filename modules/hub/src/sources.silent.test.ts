/**
 * The silent-source warning over all of a caller's sources: a source silent longer than its expected interval
 * counts wherever it falls in the paged list, and only the caller's area is counted.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { sourcesRoutes } from './sources.routes.js';
import { hubFixture, hubTestMigrations, type HubFixture, gatedTestApp } from './testing.js';

describeEachDatabase(
  'silent data sources',
  (getDatabase) => {
    let f: HubFixture;
    let app: FastifyInstance;
    /** A fresh session of a Zhuzhou epidemiologist (sessions live an hour; the tests move the clock). */
    const epi = async () => ({
      authorization: `Bearer ${(await f.identity.auth.login('silent-epi', 'a long test passphrase', '127.0.0.1')).token}`,
    });

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      app = gatedTestApp(f);
      await app.register(sourcesRoutes, { sources: f.hub.sources });
      await app.ready();
      await f.identity.users.createUser({
        username: 'silent-epi',
        displayName: 'epi',
        role: 'epidemiologist',
        areaCode: '4302',
        password: 'a long test passphrase',
      });
      // 12 busy sources in Zhuzhou that report every 24 h, registered now; then one registered a day earlier
      // that expects data every 6 h and never sent any, named to sort last (page 2 of a 10-row list).
      for (let k = 1; k <= 12; k++)
        await f.hub.sources.addSource({
          id: `busy-${String(k).padStart(2, '0')}`,
          name: `A busy lab ${String(k).padStart(2, '0')}`,
          type: 'lab',
          areaCode: '430202',
        });
      f.clock.advanceMinutes(-24 * 60);
      await f.hub.sources.addSource({
        id: 'quiet-fc',
        name: 'Z quiet fever clinic',
        type: 'fever_clinic',
        areaCode: '430202',
        expectedIntervalHours: 6,
      });
      // Silent too, but outside the epidemiologist's area (Changsha).
      await f.hub.sources.addSource({
        id: 'quiet-cs',
        name: 'Z quiet Changsha clinic',
        type: 'fever_clinic',
        areaCode: '430102',
        expectedIntervalHours: 6,
      });
      f.clock.advanceMinutes(24 * 60);
    });
    afterAll(async () => {
      await app.close();
      f.hub.feed.stop();
    });

    it('counts a silent source that is not on the first page of the list', async () => {
      const firstPage = await app.inject({
        url: '/api/v1/sources?limit=10&offset=0&sort=name&order=asc',
        headers: await epi(),
      });
      expect(firstPage.statusCode).toBe(200);
      expect(firstPage.json().items.map((s: { id: string }) => s.id)).not.toContain('quiet-fc');

      const silent = await app.inject({ url: '/api/v1/sources/silent', headers: await epi() });
      expect(silent.statusCode).toBe(200);
      expect(silent.json()).toEqual({
        count: 1,
        limit: 20,
        items: [
          {
            id: 'quiet-fc',
            name: 'Z quiet fever clinic',
            lastRecordAt: null,
            silentForHours: 24,
            expectedIntervalHours: 6,
          },
        ],
      });
    });

    it('counts every silent source but names only up to the limit, the longest silent first', async () => {
      f.clock.advanceMinutes(30 * 60);
      const silent = await app.inject({ url: '/api/v1/sources/silent?limit=2', headers: await epi() });
      expect(silent.json().count).toBe(13);
      expect(silent.json().items.map((s: { id: string }) => s.id)).toEqual(['quiet-fc', 'busy-01']);
      expect(silent.json().items[0].silentForHours).toBe(54);
      f.clock.advanceMinutes(-30 * 60);
    });

    it('no longer counts a source once it delivers', async () => {
      await f.hub.data.records.logIntake('quiet-fc', 'fhir', { accepted: 1, unchanged: 0, rejected: 0 });
      const silent = await app.inject({ url: '/api/v1/sources/silent', headers: await epi() });
      expect(silent.json()).toMatchObject({ count: 0, items: [] });
    });

    it('counts neither a consumer-only source (it sends nothing) nor a disabled one (it may send nothing)', async () => {
      f.clock.advanceMinutes(-24 * 60);
      await f.hub.sources.addSource({
        id: 'reader',
        name: 'City analytics platform',
        type: 'cdc',
        areaCode: '430202',
        expectedIntervalHours: 6,
        consumerOnly: true,
      });
      await f.hub.sources.addSource({
        id: 'closed-lab',
        name: 'A closed lab',
        type: 'lab',
        areaCode: '430202',
        expectedIntervalHours: 6,
      });
      f.clock.advanceMinutes(24 * 60);
      const before = await app.inject({ url: '/api/v1/sources/silent', headers: await epi() });
      expect(before.json().items.map((s: { id: string }) => s.id)).toEqual(['closed-lab']);
      // The data sources page's quality rows say the same.
      const silentInQuality = async (id: string) => {
        const page = await f.hub.data.quality.listSourceQuality(f.ctx, {
          limit: 100,
          offset: 0,
          order: 'asc',
        });
        return page.items.find((q) => q.source.id === id)!.health.silent;
      };
      expect(await silentInQuality('reader')).toBe(false);
      expect(await silentInQuality('closed-lab')).toBe(true);
      await f.hub.sources.disableSource(f.ctx, 'closed-lab', 'the laboratory closed');
      const silent = await app.inject({ url: '/api/v1/sources/silent', headers: await epi() });
      expect(silent.json()).toMatchObject({ count: 0, items: [] });
      expect(await silentInQuality('closed-lab')).toBe(false);
    });
  },
  { migrations: hubTestMigrations },
);
