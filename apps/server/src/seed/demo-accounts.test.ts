/** The demo laboratory clerk submits as a demo laboratory of its own, never as the shared operator source. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, type HubFixture } from '@shuzhi/hub/testing';
import { DEMO_LAB_SOURCE, demoAccounts, seedDemoAccounts } from './demo-accounts.js';

describeEachDatabase(
  'demo accounts',
  (getDatabase) => {
    let f: HubFixture;
    beforeAll(() => {
      f = hubFixture(getDatabase());
    });
    afterAll(() => f.hub.feed.stop());

    it('leaves the data-source account out when the hub is not at hand (it needs a source)', async () => {
      const created = await seedDemoAccounts(f.identity);
      expect(created.map((a) => a.username)).toEqual(
        demoAccounts.filter((a) => a.role !== 'data_source').map((a) => a.username),
      );
      expect(await f.identity.users.findByUsername('lab')).toBeUndefined();
    });

    it('registers the demo laboratory and binds lab to it; a second run changes nothing', async () => {
      const created = await seedDemoAccounts(f.identity, f.hub);
      expect(created.map((a) => a.username)).toEqual(['lab']);
      expect(await f.hub.sources.getSource(DEMO_LAB_SOURCE.id)).toMatchObject({ type: 'lab' });
      expect(await f.identity.users.findByUsername('lab')).toMatchObject({ sourceId: DEMO_LAB_SOURCE.id });
      expect(await seedDemoAccounts(f.identity, f.hub)).toEqual([]);
    });
  },
  { migrations: hubTestMigrations },
);
