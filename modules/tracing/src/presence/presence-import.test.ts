import { expect, it } from 'vitest';
import { describeEachDatabase } from '@shuzhi/db/testing';
import { findContacts, defaultContactRules, personPresence } from '../core/index.js';
import { csv, tracingFixture, tracingTestMigrations } from './tracing-fixture.js';

const CHECKINS = 'person_id,venue_id,check_in,check_out,zone';

describeEachDatabase(
  'presence imports',
  (getDatabase) => {
    it('stores check-ins, applies the default dwell to an empty check-out, and the index finds them', async () => {
      const f = tracingFixture(getDatabase());
      const report = await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          'ci-a,V-1,2026-03-05T08:00:00+08:00,2026-03-05T09:00:00+08:00,1F',
          'ci-b,V-1,2026-03-05T08:30:00+08:00,,1F',
          'ci-c,V-1,2026-03-05T08:30:00+08:00,2026-03-05T08:40:00+08:00,',
        ]),
      );
      expect(report).toMatchObject({ status: 'accepted', total: 3, accepted: 3, unchanged: 0, rejected: 0 });
      const index = await f.tracing.live.index();
      const window = { from: Date.parse('2026-03-05T00:00:00Z'), to: Date.parse('2026-03-06T00:00:00Z') };
      const [b] = personPresence(index, 'ci-b', window);
      // Empty check-out: 60 minutes after the check-in (DESIGN.md, check-in CSV).
      expect(b).toMatchObject({
        kind: 'venue',
        placeId: 'V-1',
        zone: '1F',
        start: Date.parse('2026-03-05T00:30:00Z'),
        end: Date.parse('2026-03-05T01:30:00Z'),
      });
      const set = findContacts(index, {
        caseId: 'ci-a',
        window,
        rules: defaultContactRules,
        now: window.to,
        maxDegree: 1,
      });
      // ci-b overlaps 30 minutes in the same zone; ci-c only 10 minutes.
      expect(Array.from(set.contactPerson, (p) => index.persons.name(p))).toEqual(['ci-b']);
    });

    it('counts a file sent again as unchanged and stores nothing twice', async () => {
      const f = tracingFixture(getDatabase());
      const text = csv(CHECKINS, ['re-a,V-2,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,']);
      await f.importCsv('checkins', text);
      const again = await f.importCsv('checkins', text);
      expect(again).toMatchObject({ status: 'accepted', accepted: 0, unchanged: 1 });
      const index = await f.tracing.live.index();
      const mine = personPresence(index, 're-a', { from: 0, to: Date.parse('2030-01-01T00:00:00Z') });
      expect(mine).toHaveLength(1);
    });

    it('rejects a file with a bad row, naming its line and column, and stores nothing of it', async () => {
      const f = tracingFixture(getDatabase());
      const before = await f.tracing.presence.counts();
      const report = await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          'bad-a,V-3,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,',
          'bad-b,V-3,2026-03-05T10:00:00+08:00,2026-03-05T09:00:00+08:00,',
          'bad-c,,2026-03-05T10:00:00+08:00,,',
        ]),
      );
      expect(report.status).toBe('rejected');
      expect(report.errors).toEqual([
        // With their codes and parameters, so the imports page gives them in the reader's language.
        {
          line: 3,
          field: 'check_out',
          reason: 'must not precede check_in',
          code: 'not-before',
          params: { other: 'check_in' },
        },
        { line: 4, field: 'venue_id', reason: 'is required', code: 'required' },
      ]);
      expect(await f.tracing.presence.counts()).toEqual(before);
    });

    it('imports the good rows of a partial file and reports the others', async () => {
      const f = tracingFixture(getDatabase());
      const report = await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          'part-a,V-3,2026-03-05T10:00:00+08:00,2026-03-05T11:00:00+08:00,',
          'part-b,V-3,2026-03-05T10:00:00,2026-03-05T11:00:00+08:00,',
        ]),
        { partial: true },
      );
      expect(report).toMatchObject({ status: 'partial', accepted: 1, rejected: 1 });
      expect(report.errors[0]).toMatchObject({ line: 3, field: 'check_in' });
    });

    it('imports trips, stays, gate passes and households, and rejects a trip given a second mode', async () => {
      const f = tracingFixture(getDatabase());
      const trips = await f.importCsv(
        'trips',
        csv('person_id,trip_id,mode,departure,arrival,carriage,seat', [
          'tr-a,G1-0305,train,2026-03-05T08:00:00+08:00,2026-03-05T10:00:00+08:00,05,12A',
          'tr-b,G1-0305,train,2026-03-05T08:00:00+08:00,2026-03-05T10:00:00+08:00,05,',
        ]),
      );
      expect(trips).toMatchObject({ status: 'accepted', accepted: 2 });
      const clash = await f.importCsv(
        'trips',
        csv('person_id,trip_id,mode,departure,arrival,carriage,seat', [
          'tr-c,G1-0305,bus,2026-03-05T08:00:00+08:00,2026-03-05T10:00:00+08:00,,',
        ]),
      );
      expect(clash.status).toBe('rejected');
      expect(clash.errors).toEqual([
        {
          line: 2,
          field: 'mode',
          reason: 'trip G1-0305 is a train trip',
          code: 'trip-mode',
          params: { trip: 'G1-0305', mode: 'train' },
        },
      ]);
      const stays = await f.importCsv(
        'stays',
        csv('person_id,hotel_id,room,check_in,check_out', [
          'st-a,H-1,0919,2026-03-04T21:00:00+08:00,2026-03-06T12:00:00+08:00',
          'st-b,H-1,0919,2026-03-04T22:00:00+08:00,',
        ]),
      );
      expect(stays).toMatchObject({ status: 'accepted', accepted: 2 });
      const gates = await f.importCsv(
        'gate-access',
        csv('person_id,community_id,gate_id,direction,time', ['gt-a,C-1,north,in,2026-03-05T18:40:00+08:00']),
      );
      expect(gates).toMatchObject({ status: 'accepted', accepted: 1 });
      const households = await f.importCsv(
        'households',
        csv('person_id,household_id', ['st-a,HH-9', 'hh-b,HH-9']),
      );
      expect(households).toMatchObject({ status: 'accepted', accepted: 2 });

      const index = await f.tracing.live.index();
      const window = { from: Date.parse('2026-03-04T00:00:00Z'), to: Date.parse('2026-03-07T00:00:00Z') };
      const kinds = personPresence(index, 'st-a', window).map((p) => `${p.kind}:${p.placeId}`);
      expect(kinds).toEqual(['stay:H-1#0919', 'household:HH-9']);
      const set = findContacts(index, { caseId: 'tr-a', window, rules: defaultContactRules, now: window.to });
      // Same train carriage (the train rule counts the carriage).
      expect(Array.from(set.contactPerson, (p) => index.persons.name(p))).toContain('tr-b');
    });
  },
  { migrations: tracingTestMigrations },
);
