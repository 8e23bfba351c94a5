import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { personPresence } from '../core/index.js';
import { UNLISTED_VENUE_TYPE } from './live-presence-index.js';
import { csv, tracingFixture, tracingTestMigrations } from './tracing-fixture.js';

const CHECKINS = 'person_id,venue_id,check_in,check_out,zone';
const VENUES = 'venue_id,name,type,area,zones,lat,lon,capacity';
const ALL_TIME = { from: 0, to: Date.parse('2030-01-01T00:00:00Z') };

describeEachDatabase(
  'live presence index',
  (getDatabase) => {
    it('files check-ins under their venue type, and rebuilds when the venue list gives an unlisted venue a type', async () => {
      const f = tracingFixture(getDatabase());
      await f.importCsv('checkins', csv(CHECKINS, ['vt-a,MALL-1,2026-03-05T10:00:00+08:00,,A-12']));
      let index = await f.tracing.live.index();
      const typeOf = () => index.placeCategory('venue', index.venuePlaces.venues.find('MALL-1')!);
      expect(typeOf()).toBe(UNLISTED_VENUE_TYPE);
      const venues = await f.importCsv(
        'venues',
        csv(VENUES, ['MALL-1,神农城,mall,430202001000,A-12|B-3,27.83,113.13,5000']),
      );
      expect(venues).toMatchObject({ status: 'accepted', accepted: 1 });
      await f.tracing.live.settle();
      index = await f.tracing.live.index();
      expect(typeOf()).toBe('mall');
    });

    it('rejects a venue listed twice and a position given by half', async () => {
      const f = tracingFixture(getDatabase());
      const report = await f.importCsv(
        'venues',
        csv(VENUES, [
          'V-9,A,restaurant,,,,,',
          'V-9,B,restaurant,,,,,',
          'V-10,C,Shop Floor,,,,,',
          'V-11,D,shop,,,27.1,,',
        ]),
      );
      expect(report.status).toBe('rejected');
      expect(report.errors.map((e) => [e.line, e.field])).toEqual([
        [3, 'venue_id'],
        [4, 'type'],
        [5, 'lon'],
      ]);
    });

    it('loads presence another process imported once it follows the feed', async () => {
      const mine = tracingFixture(getDatabase());
      await mine.tracing.live.index();
      const other = tracingFixture(getDatabase());
      await other.importCsv('checkins', csv(CHECKINS, ['xp-a,V-20,2026-03-05T10:00:00+08:00,,']));
      const index = await mine.tracing.live.index();
      expect(personPresence(index, 'xp-a', ALL_TIME)).toHaveLength(1);
      // Following again loads nothing twice.
      await mine.tracing.live.catchUp();
      expect(personPresence(await mine.tracing.live.index(), 'xp-a', ALL_TIME)).toHaveLength(1);
    });

    it('makes an unknown person id a new person, and files a second id of a known person under the first', async () => {
      const f = tracingFixture(getDatabase());
      await f.importCsv('checkins', csv(CHECKINS, ['two-ids-1,V-21,2026-03-05T10:00:00+08:00,,']));
      const personId = (await f.hub.persons.resolveRefs(['two-ids-1'], { createMissing: false })).get(
        'two-ids-1',
      );
      expect(personId).toMatch(/^per_/);
      await f.importCsv('checkins', csv(CHECKINS, [`${personId},V-22,2026-03-06T10:00:00+08:00,,`]));
      await f.tracing.live.settle();
      const index = await f.tracing.live.index();
      expect(personPresence(index, 'two-ids-1', ALL_TIME).map((p) => p.placeId)).toEqual(['V-21', 'V-22']);
      expect(index.persons.find(personId!)).toBeUndefined();
    });

    it('purges presence older than the retention period from the database and the index (MISSION B3)', async () => {
      const f = tracingFixture(getDatabase(), '2026-03-10T00:00:00Z');
      await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          'ret-old,V-30,2026-02-01T10:00:00+08:00,2026-02-01T11:00:00+08:00,',
          'ret-new,V-30,2026-03-01T10:00:00+08:00,2026-03-01T11:00:00+08:00,',
        ]),
      );
      await f.importCsv(
        'stays',
        csv('person_id,hotel_id,room,check_in,check_out', ['ret-old,H-30,101,2026-01-20T21:00:00+08:00,']),
      );
      const stored = (await f.tracing.presence.counts()).checkins;
      // 28 days before 2026-03-10 is 2026-02-10: the February check-in has expired and is never indexed.
      let index = await f.tracing.live.index();
      expect(personPresence(index, 'ret-old', ALL_TIME).map((p) => p.kind)).toEqual(['stay']);
      expect(await f.tracing.presence.purgeExpired()).toMatchObject({ checkins: 1 });
      expect((await f.tracing.presence.counts()).checkins).toBe(stored - 1);
      expect(personPresence(index, 'ret-new', ALL_TIME)).toHaveLength(1);

      f.clock.set('2026-04-15T00:00:00Z');
      await f.tracing.presence.purgeExpired();
      index = await f.tracing.live.index();
      expect(personPresence(index, 'ret-new', ALL_TIME)).toHaveLength(0);
      // A stay with no check-out yet is still going on: it is kept.
      expect(personPresence(index, 'ret-old', ALL_TIME).map((p) => p.kind)).toEqual(['stay']);
    });

    it('follows merges in the hub: the merged person’s ids are filed under the survivor', async () => {
      const f = tracingFixture(getDatabase());
      await f.importCsv(
        'checkins',
        csv(CHECKINS, ['mg-a,V-40,2026-03-05T10:00:00+08:00,,', 'mg-b,V-41,2026-03-05T12:00:00+08:00,,']),
      );
      const ids = await f.hub.persons.resolveRefs(['mg-a', 'mg-b'], { createMissing: false });
      await f.tracing.links.relink([]); // nothing to do
      await f.hub.data.mpi.merge(f.ctx, {
        survivorId: ids.get('mg-a')!,
        mergedId: ids.get('mg-b')!,
        reason: 'same person',
      });
      await f.tracing.links.relink([ids.get('mg-a')!, ids.get('mg-b')!]);
      await f.tracing.live.catchUp();
      await f.tracing.live.settle();
      const index = await f.tracing.live.index();
      expect(personPresence(index, 'mg-a', ALL_TIME).map((p) => p.placeId)).toEqual(['V-40', 'V-41']);
    });
  },
  { migrations: tracingTestMigrations },
);
