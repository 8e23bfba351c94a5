import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Purpose } from '@shuzhi/core';
import { createTestDatabase, testDialects } from '@shuzhi/db/testing';
import { systemContext } from '@shuzhi/identity';
import { createPlatform } from '@shuzhi/server';
import { runCli } from '../testing.js';

/**
 * A scenario small enough to check by hand. Day D is three days ago (presence must be inside the
 * retention period of the real clock the CLI runs on); times are China time (UTC+8).
 */
const DAY_MS = 86_400_000;
const dayD = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);
const dayAfter = new Date(Date.parse(dayD) + DAY_MS).toISOString().slice(0, 10);
const dayBefore = new Date(Date.parse(dayD) - DAY_MS).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const utc = (day: string, hhmm: string) => new Date(at(day, hhmm)).toISOString();
const THE_CASE = '430202198503121235';

const files: Record<string, string[]> = {
  venues: [
    'venue_id,name,type,area,zones,lat,lon,capacity',
    'V-MALL,Mall,mall,430202001000,A|B,27.8,113.1,3000',
  ],
  checkins: [
    'person_id,venue_id,check_in,check_out,zone',
    `${THE_CASE},V-MALL,${at(dayD, '10:00')},${at(dayD, '11:00')},A`,
    `P-zoneA,V-MALL,${at(dayD, '10:30')},${at(dayD, '11:30')},A`,
    `P-zoneB,V-MALL,${at(dayD, '10:00')},${at(dayD, '11:00')},B`,
    `P-nozone,V-MALL,${at(dayD, '10:00')},${at(dayD, '10:20')},`,
    `P-exact15,V-MALL,${at(dayD, '10:45')},${at(dayD, '11:30')},A`,
    `P-14,V-MALL,${at(dayD, '10:46')},${at(dayD, '11:30')},A`,
    `P-zoneA,V-CAFE,${at(dayD, '14:00')},${at(dayD, '15:00')},`,
    `S-after,V-CAFE,${at(dayD, '14:00')},${at(dayD, '15:00')},`,
    `S-before,V-CAFE,${at(dayD, '08:00')},${at(dayD, '09:00')},`,
    `P-zoneA,V-CAFE,${at(dayD, '17:00')},${at(dayD, '18:00')},`,
    `S-late,V-CAFE,${at(dayD, '17:00')},${at(dayD, '18:00')},`,
    `P-zoneA,V-CAFE,${at(dayD, '08:00')},${at(dayD, '09:00')},`,
  ],
  trips: [
    'person_id,trip_id,mode,departure,arrival,carriage,seat',
    `${THE_CASE},CZ3101,flight,${at(dayD, '18:00')},${at(dayD, '20:00')},,12A`,
    `P-row15,CZ3101,flight,${at(dayD, '18:00')},${at(dayD, '20:00')},,15C`,
    `P-row16,CZ3101,flight,${at(dayD, '18:00')},${at(dayD, '20:00')},,16A`,
  ],
  stays: [
    'person_id,hotel_id,room,check_in,check_out',
    `${THE_CASE},H-1,0919,${at(dayBefore, '21:00')},${at(dayAfter, '12:00')}`,
    `P-room,H-1,0919,${at(dayD, '20:00')},${at(dayAfter, '12:00')}`,
    `P-otherroom,H-1,0920,${at(dayD, '20:00')},${at(dayAfter, '12:00')}`,
  ],
  households: ['person_id,household_id', `${THE_CASE},HH-1`, 'P-home,HH-1'],
  'case-reports': [
    'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at',
    `CR-1,,${THE_CASE},,张晓明,male,1985-03-12,,430202,,U07.1,confirmed,${dayD},${at(dayAfter, '21:00')}`,
  ],
};

const venue = (from: string, to: string, via: string | null = null, place = 'V-MALL') => ({
  kind: 'venue',
  place_id: place,
  from: utc(dayD, from),
  to: utc(dayD, to),
  overlap_minutes: (Date.parse(utc(dayD, to)) - Date.parse(utc(dayD, from))) / 60_000,
  via,
});

for (const dialect of testDialects()) {
  describe(`shuzhi trace [${dialect}]`, () => {
    let url: string;
    let casePersonId: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const handle = await createTestDatabase(dialect);
      url = handle.url;
      dispose = handle.dispose;
      const platform = await createPlatform(loadConfig({}, { db: url, logLevel: 'warn' }), {
        database: handle.database,
      });
      const ctx = systemContext('test', 'data_submission' as Purpose, platform.clock);
      for (const [kind, lines] of Object.entries(files)) {
        const report = await platform.hub.imports.run(ctx, {
          kind,
          fileName: kind,
          text: `${lines.join('\n')}\n`,
        });
        expect(report.status, `${kind}: ${JSON.stringify(report.errors)}`).toBe('accepted');
      }
      casePersonId = (await platform.hub.persons.resolveRefs([THE_CASE], { createMissing: false })).get(
        THE_CASE,
      )!;
      // P-zoneA was reached and quarantined at 16:00 on day D: their secondary window ends there.
      const tracer = systemContext('test', 'contact_tracing', platform.clock);
      await platform.tracing.workflow.addInterviewExposure(tracer, casePersonId, {
        personRef: 'P-zoneA',
        degree: 1,
        kind: 'venue',
        placeId: 'V-MALL',
        from: at(dayD, '10:30'),
        to: at(dayD, '11:00'),
      });
      const [task] = (
        await platform.tracing.tasks.listTasks(
          tracer,
          {},
          { limit: 1, offset: 0, order: 'asc', q: 'P-zoneA' },
        )
      ).items;
      await platform.tracing.tasks.move(tracer, task!.id, { status: 'quarantined', at: at(dayD, '16:00') });
      await platform.close();
    });
    afterAll(async () => dispose());

    it('prints exactly the contacts the definition gives, with every exposure', async () => {
      const from = at(dayBefore, '00:00');
      const to = at(dayAfter, '00:00');
      const result = await runCli([
        '--db',
        url,
        'trace',
        '--case',
        THE_CASE,
        '--from',
        from,
        '--to',
        to,
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const printed = JSON.parse(result.stdout) as {
        case: string;
        window: { from: string; to: string };
        contacts: { person_id: string; degree: number; exposures: Record<string, unknown>[] }[];
      };
      expect(printed.case).toBe(THE_CASE);
      expect(printed.window).toEqual({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      expect(printed.contacts).toEqual([
        // Same zone, exactly 15 minutes: the minimum is inclusive.
        { person_id: 'P-exact15', degree: 1, exposures: [venue('10:45', '11:00')] },
        {
          person_id: 'P-home',
          degree: 1,
          exposures: [
            {
              kind: 'household',
              place_id: 'HH-1',
              from: new Date(from).toISOString(),
              to: new Date(to).toISOString(),
              overlap_minutes: 2 * 24 * 60,
              via: null,
            },
          ],
        },
        // No zone on one side: the venue level counts.
        { person_id: 'P-nozone', degree: 1, exposures: [venue('10:00', '10:20')] },
        {
          person_id: 'P-room',
          degree: 1,
          exposures: [
            {
              kind: 'stay',
              place_id: 'H-1#0919',
              from: utc(dayD, '20:00'),
              to: new Date(to).toISOString(),
              overlap_minutes: 4 * 60,
              via: null,
            },
          ],
        },
        // Row 15 is within three rows of 12A.
        {
          person_id: 'P-row15',
          degree: 1,
          exposures: [
            {
              kind: 'trip',
              place_id: 'CZ3101',
              from: utc(dayD, '18:00'),
              to: utc(dayD, '20:00'),
              overlap_minutes: 120,
              via: null,
            },
          ],
        },
        { person_id: 'P-zoneA', degree: 1, exposures: [venue('10:30', '11:00')] },
        // Secondary: 14 minutes with the case is not enough, but 44 with two close contacts in zone A is.
        {
          person_id: 'P-14',
          degree: 2,
          exposures: [venue('10:46', '11:30', 'P-exact15'), venue('10:46', '11:30', 'P-zoneA')],
        },
        // Row 16 is four rows from the case (not close) but one from P-row15.
        {
          person_id: 'P-row16',
          degree: 2,
          exposures: [
            {
              kind: 'trip',
              place_id: 'CZ3101',
              from: utc(dayD, '18:00'),
              to: utc(dayD, '20:00'),
              overlap_minutes: 120,
              via: 'P-row15',
            },
          ],
        },
        // Zone B never met zone A, but P-nozone (no zone) met both.
        {
          person_id: 'P-zoneB',
          degree: 2,
          exposures: [venue('10:00', '10:20', 'P-nozone')],
        },
        // After P-zoneA's first exposure and before their quarantine; S-before met P-zoneA earlier that
        // morning and S-late after the quarantine began: neither is a contact.
        {
          person_id: 'S-after',
          degree: 2,
          exposures: [venue('14:00', '15:00', 'P-zoneA', 'V-CAFE')],
        },
      ]);
    });

    it('takes the window from the case record when none is given, and takes a platform person id', async () => {
      expect(casePersonId).toMatch(/^per_/);
      const byPerson = await runCli([
        '--db',
        url,
        '--json',
        'trace',
        '--case',
        casePersonId,
        '--min-overlap',
        '20',
      ]);
      expect(byPerson.stderr).toBe('');
      const printed = JSON.parse(byPerson.stdout) as {
        case: string;
        window: { from: string; to: string };
        contacts: { person_id: string; degree: number }[];
      };
      expect(printed.case).toBe(casePersonId);
      // Onset on day D (a date: midnight China time) minus two days; to now (no isolation known).
      expect(printed.window.from).toBe(new Date(Date.parse(at(dayD, '00:00')) - 2 * DAY_MS).toISOString());
      expect(Date.parse(printed.window.to)).toBeGreaterThan(Date.now() - 60_000);
      // --min-overlap 20: P-exact15 (15 minutes) and P-nozone (exactly 20, inclusive) decide the boundary.
      const close = printed.contacts.filter((c) => c.degree === 1).map((c) => c.person_id);
      expect(close).toEqual(['P-home', 'P-nozone', 'P-room', 'P-row15', 'P-zoneA']);
    });

    it('refuses an unknown person with a clear message and a non-zero exit', async () => {
      const result = await runCli(['--db', url, '--json', 'trace', '--case', 'nobody-knows-me']);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('no person is known as nobody-knows-me');
    });
  });
}
