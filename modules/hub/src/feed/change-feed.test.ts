import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations } from '../testing.js';
import type { FeedEvent } from './feed.schema.js';

describeEachDatabase(
  'change feed',
  (getDatabase) => {
    const stops: (() => void)[] = [];
    afterEach(() => stops.splice(0).forEach((s) => s()));

    it('delivers every committed event to a subscriber, in order, exactly as published', async () => {
      const { hub } = hubFixture(getDatabase());
      stops.push(() => hub.feed.stop());
      const seen: FeedEvent[] = [];
      await hub.feed.subscribe({ name: 'order-test', handle: async (events) => void seen.push(...events) });
      await getDatabase()
        .db.transaction()
        .execute(async (trx) => {
          await hub.feed.publish(trx, [
            {
              topic: 'hub.observation.created',
              entityType: 'Observation',
              entityId: 'obs_1',
              personId: 'per_1',
              payload: { positive: true },
            },
            {
              topic: 'hub.case.confirmed',
              entityType: 'Case',
              entityId: 'case_1',
              personId: 'per_1',
              areaCode: '430202',
            },
          ]);
        });
      hub.feed.notify();
      await hub.feed.settle();
      expect(seen.map((e) => [e.topic, e.entityId])).toEqual([
        ['hub.observation.created', 'obs_1'],
        ['hub.case.confirmed', 'case_1'],
      ]);
      expect(seen[0]!.payload).toEqual({ positive: true });
      expect(seen[1]!.seq).toBeGreaterThan(seen[0]!.seq);
    });

    it("publishes nothing when the writer's transaction rolls back", async () => {
      const { hub } = hubFixture(getDatabase());
      const before = await hub.feed.lastSeq();
      await expect(
        getDatabase()
          .db.transaction()
          .execute(async (trx) => {
            await hub.feed.publish(trx, [{ topic: 'hub.x.created', entityType: 'X', entityId: 'x1' }]);
            throw new Error('writer failed');
          }),
      ).rejects.toThrow('writer failed');
      expect(await hub.feed.lastSeq()).toBe(before);
    });

    it('resumes a subscriber from its stored cursor after a restart, and retries a failed batch', async () => {
      const first = hubFixture(getDatabase());
      const received: string[] = [];
      let failOnce = true;
      await first.hub.feed.subscribe({
        name: 'resume-test',
        topics: ['test.resume'],
        handle: async (events) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('temporary failure');
          }
          received.push(...events.map((e) => e.entityId));
        },
      });
      await first.hub.feed.publish(getDatabase().db, [
        { topic: 'test.resume', entityType: 'T', entityId: 'a' },
      ]);
      first.hub.feed.notify();
      await first.hub.feed.settle();
      // The first delivery failed and was retried: delivered once, not lost, not duplicated.
      expect(failOnce).toBe(false);
      expect(received).toEqual(['a']);
      first.hub.feed.stop();

      // A new process: events published while nobody listened are delivered once it subscribes.
      await first.hub.feed.publish(getDatabase().db, [
        { topic: 'test.resume', entityType: 'T', entityId: 'b' },
      ]);
      const second = hubFixture(getDatabase());
      const later: string[] = [];
      await second.hub.feed.subscribe({
        name: 'resume-test',
        topics: ['test.resume'],
        handle: async (e) => void later.push(...e.map((x) => x.entityId)),
      });
      await second.hub.feed.settle();
      expect(later).toEqual(['b']);
      second.hub.feed.stop();
    });
  },
  { migrations: hubTestMigrations },
);
