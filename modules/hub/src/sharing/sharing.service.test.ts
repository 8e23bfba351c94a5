/** Data-sharing agreements as the data-protection officer creates, reviews and revokes them. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import type { Principal } from '@shuzhi/identity';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';

const LEGAL_BASIS =
  '《传染病防治法》第三十三条 Law on the Prevention and Treatment of Infectious Diseases, art. 33';

describeEachDatabase(
  'data-sharing agreements',
  (getDatabase) => {
    let f: HubFixture;
    let sourceId: string;
    let consumer: Principal;

    beforeAll(async () => {
      f = hubFixture(getDatabase());
      ({ id: sourceId } = await f.hub.sources.addSource({
        name: '荷塘区疾控 Hetang District CDC',
        type: 'cdc',
        areaCode: '430202',
      }));
      consumer = {
        kind: 'api_key',
        id: 'key_hetang',
        role: 'data_source',
        displayName: sourceId,
        areaCode: '430202',
        sourceId,
      };
    });

    const agreement = (expiresAt: string) => ({
      consumerSourceId: sourceId,
      title: '病例推送 Case notifications',
      datasets: ['persons' as const, 'cases' as const],
      fields: ['phone' as const],
      purpose: 'surveillance' as const,
      legalBasis: LEGAL_BASIS,
      expiresAt,
    });

    it('refuses an agreement that has already expired, naming expiresAt', async () => {
      // The fixture's clock reads 2026-03-01T08:00Z.
      for (const expiresAt of ['2026-02-28T00:00:00Z', '2026-03-01T08:00:00Z'])
        await expect(f.hub.sharing.createAgreement(f.ctx, agreement(expiresAt))).rejects.toMatchObject({
          code: 'invalid_input',
          issues: [{ field: 'expiresAt', reason: expect.stringContaining('must be in the future') }],
        });
      const listed = await f.hub.sharing.listAgreements(
        { consumerSourceId: sourceId },
        { limit: 10, offset: 0, order: 'desc' },
      );
      expect(listed.total).toBe(0);
    });

    it("refuses the platform's own purposes, naming purpose, and accepts every purpose a consumer reads for", async () => {
      for (const purpose of ['data_submission', 'self_service', 'audit', 'administration', 'gossip'])
        await expect(
          f.hub.sharing.createAgreement(f.ctx, {
            ...agreement('2099-01-01T00:00:00Z'),
            purpose: purpose as 'surveillance',
          }),
        ).rejects.toMatchObject({
          code: 'invalid_input',
          issues: [{ field: 'purpose', reason: expect.stringContaining('one of case_investigation') }],
        });
      for (const purpose of ['health_code', 'community_management', 'port_health'] as const)
        expect(
          await f.hub.sharing.createAgreement(f.ctx, { ...agreement('2099-01-01T00:00:00Z'), purpose }),
        ).toMatchObject({ purpose, status: 'active' });
    });

    it('lets an agreement made earlier for a platform purpose grant nothing', async () => {
      const legacy = await f.hub.sharing.createAgreement(f.ctx, {
        ...agreement('2099-01-01T00:00:00Z'),
        datasets: ['observations'],
        purpose: 'data_quality',
      });
      // As a row written before data_submission was refused would stand in the table.
      await getDatabase()
        .db.updateTable('sharing_agreements')
        .set({ purpose: 'data_submission' })
        .where('id', '=', legacy.id)
        .execute();
      expect(await f.hub.sharing.findGrant(consumer, 'observations', 'data_submission')).toBeNull();
      expect(await f.hub.sharing.datasetsFor(consumer, 'data_submission')).toEqual(new Set());
    });

    it('grants indicators (pharmacy sales, alerts and signals reach the consumer on the feed)', async () => {
      const created = await f.hub.sharing.createAgreement(f.ctx, {
        ...agreement('2099-01-01T00:00:00Z'),
        datasets: ['feed', 'indicators'],
      });
      expect(created.datasets).toEqual(['feed', 'indicators']);
      await f.hub.sharing.revokeAgreement(f.ctx, created.id, 'test over');
    });

    it("grants nothing to a disabled source's keys, and again once it is enabled", async () => {
      const other = await f.hub.sources.addSource({ name: 'Disabled consumer', type: 'cdc' });
      const key: Principal = { ...consumer, id: 'key_disabled', areaCode: null, sourceId: other.id };
      const created = await f.hub.sharing.createAgreement(f.ctx, {
        ...agreement('2099-01-01T00:00:00Z'),
        consumerSourceId: other.id,
      });
      const setActive = (active: boolean) =>
        getDatabase().db.updateTable('sources').set({ active }).where('id', '=', other.id).execute();
      try {
        await setActive(false);
        expect(await f.hub.sharing.findGrant(key, 'cases', 'surveillance')).toBeNull();
        expect(await f.hub.sharing.datasetsFor(key, 'surveillance')).toEqual(new Set());
      } finally {
        await setActive(true);
      }
      expect(await f.hub.sharing.findGrant(key, 'cases', 'surveillance')).toMatchObject({
        agreementId: created.id,
      });
    });

    it('refuses an unknown dataset, naming it', async () => {
      await expect(
        f.hub.sharing.createAgreement(f.ctx, {
          ...agreement('2099-01-01T00:00:00Z'),
          // The type does not allow it; an HTTP client can still send it.
          datasets: ['cases', 'travellers' as 'cases'],
        }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ field: 'datasets.1', reason: expect.stringContaining('unknown dataset') }],
      });
    });

    it('grants the named datasets and fields for the purpose until revoked, and nothing after', async () => {
      const created = await f.hub.sharing.createAgreement(f.ctx, agreement('2026-03-02T00:00:00+08:00'));
      expect(created).toMatchObject({ status: 'active', expiresAt: '2026-03-01T16:00:00.000Z' });
      expect(await f.hub.sharing.findGrant(consumer, 'cases', 'surveillance')).toEqual({
        agreementId: created.id,
        fields: ['phone'],
      });
      expect(await f.hub.sharing.findGrant(consumer, 'presence', 'surveillance')).toBeNull();
      expect(await f.hub.sharing.findGrant(consumer, 'cases', 'contact_tracing')).toBeNull();
      await f.hub.sharing.revokeAgreement(f.ctx, created.id, 'purpose fulfilled');
      expect(await f.hub.sharing.findGrant(consumer, 'cases', 'surveillance')).toBeNull();
      await expect(f.hub.sharing.revokeAgreement(f.ctx, created.id, 'again')).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('names every agreement a read happens under when several cover it, and merges their fields', async () => {
      const phones = await f.hub.sharing.createAgreement(f.ctx, agreement('2099-01-01T00:00:00Z'));
      const names = await f.hub.sharing.createAgreement(f.ctx, {
        ...agreement('2099-01-01T00:00:00Z'),
        datasets: ['cases'],
        fields: ['name'],
      });
      const grant = await f.hub.sharing.findGrant(consumer, 'cases', 'surveillance');
      expect(grant?.agreementId).toBe([phones.id, names.id].sort().join(','));
      expect([...(grant?.fields ?? [])].sort()).toEqual(['name', 'phone']);
      expect(await f.hub.sharing.findGrant(consumer, 'persons', 'surveillance')).toEqual({
        agreementId: phones.id,
        fields: ['phone'],
      });
      for (const a of [phones, names]) await f.hub.sharing.revokeAgreement(f.ctx, a.id, 'test over');
    });

    it('keeps the first reason when two officers revoke at once, and tells the second', async () => {
      const created = await f.hub.sharing.createAgreement(f.ctx, agreement('2099-01-01T00:00:00Z'));
      const results = await Promise.allSettled([
        f.hub.sharing.revokeAgreement(f.ctx, created.id, 'first reason'),
        f.hub.sharing.revokeAgreement(f.ctx, created.id, 'second reason'),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toMatchObject([{ reason: { code: 'conflict' } }]);
      const stored = (
        await f.hub.sharing.listAgreements(
          { consumerSourceId: sourceId },
          { limit: 50, offset: 0, order: 'desc' },
        )
      ).items.find((a) => a.id === created.id);
      expect(stored!.revokeReason).toBe(
        (fulfilled[0] as PromiseFulfilledResult<{ revokeReason: string | null }>).value.revokeReason,
      );
    });

    it("bounds a consumer's pushed deliveries by its data source's area", async () => {
      expect(await f.hub.sharing.consumerArea(sourceId)).toBe('430202');
      const { id: provincial } = await f.hub.sources.addSource({
        name: '省疾控 Provincial CDC',
        type: 'cdc',
      });
      expect(await f.hub.sharing.consumerArea(provincial)).toBeNull();
    });
  },
  { migrations: hubTestMigrations },
);
