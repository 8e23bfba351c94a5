import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { hubFixture, hubTestMigrations, type HubFixture } from '../testing.js';
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

    /** `count` events of one topic, published in one transaction. */
    async function publishBacklog(hub: HubFixture['hub'], topic: string, count: number) {
      await getDatabase()
        .db.transaction()
        .execute((trx) =>
          hub.feed.publish(
            trx,
            Array.from({ length: count }, (_, i) => ({
              topic,
              entityType: 'Case',
              entityId: `${topic}-${i}`,
            })),
          ),
        );
    }
    /** Work of about a millisecond per event, as a subscriber that writes or computes for each one does. */
    const workOn = (events: FeedEvent[]) => {
      const until = performance.now() + events.length;
      while (performance.now() < until);
    };

    it('hands a subscriber catching up on a backlog its events in slices of bounded time, in order', async () => {
      const { hub } = hubFixture(getDatabase());
      stops.push(() => hub.feed.stop());
      await publishBacklog(hub, 'test.sliced', 300);
      const calls: string[][] = [];
      await hub.feed.subscribe({
        name: 'sliced-test',
        topics: ['test.sliced'],
        handle: async (events) => {
          calls.push(events.map((e) => e.entityId));
          workOn(events);
        },
      });
      await hub.feed.settle();
      expect(calls.flat()).toEqual(Array.from({ length: 300 }, (_, i) => `test.sliced-${i}`));
      // A millisecond per event and a slice of about 20 ms: after the first slice, tens of events at a time,
      // never the whole batch of 500 (the event loop would wait 300 ms for it).
      expect(calls.length).toBeGreaterThan(5);
      expect(Math.max(...calls.slice(1).map((c) => c.length))).toBeLessThanOrEqual(60);
    });

    it('stops a subscriber catching up at its next slice when drained, and resumes it from its cursor', async () => {
      const first = hubFixture(getDatabase());
      await publishBacklog(first.hub, 'test.drained', 400);
      const handled: string[] = [];
      let started: () => void = () => undefined;
      const catchingUp = new Promise<void>((resolve) => (started = resolve));
      const subscription = {
        name: 'drained-test',
        topics: ['test.drained'],
        handle: async (events: FeedEvent[]) => {
          handled.push(...events.map((e) => e.entityId));
          workOn(events);
          started();
        },
      };
      await first.hub.feed.subscribe(subscription);
      await catchingUp;
      await first.hub.feed.drain();
      // The shutdown did not wait for the backlog (about 400 ms of work): it stopped after a slice or two.
      expect(handled.length).toBeGreaterThan(0);
      expect(handled.length).toBeLessThan(200);
      const next = hubFixture(getDatabase());
      stops.push(() => next.hub.feed.stop());
      await next.hub.feed.subscribe(subscription);
      await next.hub.feed.settle();
      expect(handled).toEqual(Array.from({ length: 400 }, (_, i) => `test.drained-${i}`));
    });
  },
  { migrations: hubTestMigrations },
);
