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

describeEachDatabase(
  'demo accounts of an older database',
  (getDatabase) => {
    let f: HubFixture;
    beforeAll(() => {
      f = hubFixture(getDatabase());
    });
    afterAll(() => f.hub.feed.stop());

    it('binds a lab account created before accounts had a source to the demo laboratory', async () => {
      const at = '2026-01-01T00:00:00.000Z';
      await getDatabase()
        .db.insertInto('users')
        .values({
          id: 'usr_old_lab',
          username: 'lab',
          display_name: '检测机构 Laboratory',
          role: 'data_source',
          area_code: '4302',
          person_id: null,
          source_id: null,
          password_hash: 'x',
          active: true,
          created_at: at,
          updated_at: at,
          last_login_at: null,
        })
        .execute();
      const created = await seedDemoAccounts(f.identity, f.hub);
      expect(created.map((a) => a.username)).not.toContain('lab');
      expect(await f.identity.users.findByUsername('lab')).toMatchObject({
        id: 'usr_old_lab',
        sourceId: DEMO_LAB_SOURCE.id,
      });
    });
  },
  { migrations: hubTestMigrations },
);
