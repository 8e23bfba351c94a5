import { afterEach, expect, it } from 'vitest';
import type { Principal } from '@shuzhi/identity';
import { describeEachDatabase } from '@shuzhi/db/testing';
import {
  csv,
  tracingFixture,
  tracingTestMigrations,
  type TracingFixture,
} from '../presence/tracing-fixture.js';

const CHECKINS = 'person_id,venue_id,check_in,check_out,zone';
const CASE_REPORTS =
  'report_id,person_source_id,resident_id,passport,name,sex,birth_date,phone,area_code,address,diagnosis_code,classification,onset_date,diagnosed_at';
const CASE_A = '430202198503121235';
const CASE_B = '43020219900307457X';
const CASE_C = '430202199201010016';

/** Confirms a case through the hub's own import path (a case report); the hub publishes hub.case.confirmed. */
async function confirmCase(
  f: TracingFixture,
  report: string,
  residentId: string,
  area = '430202',
): Promise<string> {
  const result = await f.importCsv(
    'case-reports',
    csv(CASE_REPORTS, [
      `${report},,${residentId},,测试,male,1985-03-12,,${area},,U07.1,confirmed,2026-03-05,2026-03-06T21:00:00+08:00`,
    ]),
  );
  expect(result.status, JSON.stringify(result.errors)).toBe('accepted');
  await f.hub.feed.settle();
  f.clock.advanceMinutes(5);
  return (await f.hub.persons.resolveRefs([residentId], { createMissing: false })).get(residentId)!;
}

function district(f: TracingFixture, areaCode: string) {
  const principal: Principal = {
    kind: 'user',
    id: 'usr_d',
    role: 'epidemiologist',
    displayName: 'd',
    areaCode,
  };
  return { ...f.ctx, principal };
}

describeEachDatabase(
  'tracing workflow',
  (getDatabase) => {
    const started: TracingFixture[] = [];
    afterEach(async () => {
      for (const f of started.splice(0)) {
        await f.tracing.stop();
        f.hub.feed.stop();
      }
    });
    const startedFixture = async () => {
      const f = tracingFixture(getDatabase());
      await f.tracing.start();
      started.push(f);
      return f;
    };

    it('traces a confirmed case at once: contacts, tasks and their events on the feed', async () => {
      const f = await startedFixture();
      await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          `${CASE_A},W-1,2026-03-04T10:00:00+08:00,2026-03-04T11:00:00+08:00,`,
          'wf-close,W-1,2026-03-04T10:15:00+08:00,2026-03-04T12:00:00+08:00,',
          'wf-second,W-2,2026-03-04T13:00:00+08:00,2026-03-04T14:00:00+08:00,',
          'wf-close,W-2,2026-03-04T13:00:00+08:00,2026-03-04T13:30:00+08:00,',
        ]),
      );
      const seqBefore = await f.hub.feed.lastSeq();
      const casePerson = await confirmCase(f, 'WF-1', CASE_A);
      const contacts = await f.tracing.tasks.listContacts(
        f.ctx,
        casePerson,
        {},
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(contacts.items.map((c) => [c.personRef, c.degree, c.source, c.taskStatus])).toEqual([
        ['wf-close', 1, 'data', 'identified'],
        ['wf-second', 2, 'data', 'identified'],
      ]);
      const close = contacts.items[0]!;
      expect(close).toMatchObject({
        exposureFrom: '2026-03-04T02:15:00.000Z',
        exposureTo: '2026-03-04T03:00:00.000Z',
        areaCode: '430202',
      });
      const events = await f.hub.feed.read(seqBefore, 100, [
        'tracing.contact.identified',
        'tracing.task.created',
      ]);
      const identified = events.filter((e) => e.topic === 'tracing.contact.identified');
      expect(identified.map((e) => e.payload['degree'])).toEqual([1, 2]);
      expect(identified[0]!.payload).toMatchObject({
        casePersonId: casePerson,
        degree: 1,
        exposureFrom: '2026-03-04T02:15:00.000Z',
        exposureTo: '2026-03-04T03:00:00.000Z',
        taskId: close.taskId,
      });
      expect(identified[1]!.payload['viaPersonId']).toBe(close.personId);
      expect(events.filter((e) => e.topic === 'tracing.task.created')).toHaveLength(2);
      // No id as imported travels on the feed: persons are named by platform ids.
      expect(JSON.stringify(events)).not.toContain(CASE_A);
      const runs = await f.tracing.tasks.runsOf(f.ctx, casePerson);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        trigger: 'case-confirmed',
        closeCount: 1,
        secondaryCount: 1,
        status: 'done',
      });
    });

    it('keeps one open task per person: a second case links to it', async () => {
      const f = await startedFixture();
      await f.importCsv(
        'checkins',
        csv(CHECKINS, [
          `${CASE_B},W-3,2026-03-04T10:00:00+08:00,2026-03-04T11:00:00+08:00,`,
          'wf-shared,W-3,2026-03-04T10:00:00+08:00,2026-03-04T11:00:00+08:00,',
          'wf-b-only,W-4,2026-03-04T15:00:00+08:00,2026-03-04T16:00:00+08:00,',
          `${CASE_B},W-4,2026-03-04T15:00:00+08:00,2026-03-04T16:00:00+08:00,`,
          'wf-shared,W-5,2026-03-05T09:00:00+08:00,2026-03-05T10:00:00+08:00,',
          `${CASE_C},W-5,2026-03-05T09:00:00+08:00,2026-03-05T10:00:00+08:00,`,
        ]),
      );
      const b = await confirmCase(f, 'WF-2', CASE_B);
      // C, secondary of B through wf-shared, is now confirmed too: wf-shared is its close contact.
      await confirmCase(f, 'WF-3', CASE_C);
      const tasks = await f.tracing.tasks.listTasks(
        f.ctx,
        {},
        { limit: 100, offset: 0, order: 'asc', q: 'wf-shared' },
      );
      expect(tasks.items).toHaveLength(1);
      expect(tasks.items[0]).toMatchObject({ degree: 1, caseCount: 2, firstCasePersonId: b });
      const detail = await f.tracing.tasks.getTask(f.ctx, tasks.items[0]!.id);
      expect(detail.history.map((h) => h.action)).toEqual(['created', 'linked']);
      expect(detail.contacts).toHaveLength(2);
    });

    it('moves a task along its steps, refuses a step out of order, and publishes each change', async () => {
      const f = await startedFixture();
      const id = (
        await f.tracing.tasks.listTasks(
          f.ctx,
          { status: 'identified' },
          { limit: 1, offset: 0, order: 'asc' },
        )
      ).items[0]?.id;
      expect(id).toBeDefined();
      await expect(f.tracing.tasks.move(f.ctx, id!, { status: 'released' })).rejects.toMatchObject({
        code: 'conflict',
      });
      await f.tracing.tasks.move(f.ctx, id!, { status: 'notified', note: 'called at 09:10' });
      const seq = await f.hub.feed.lastSeq();
      const quarantined = await f.tracing.tasks.move(f.ctx, id!, {
        status: 'quarantined',
        at: '2026-03-09T08:00:00+08:00',
      });
      expect(quarantined).toMatchObject({
        status: 'quarantined',
        quarantinedAt: '2026-03-09T00:00:00.000Z',
        closedAt: null,
      });
      const [event] = await f.hub.feed.read(seq, 10, ['tracing.task.status_changed']);
      expect(event!.payload).toMatchObject({
        from: 'notified',
        to: 'quarantined',
        quarantinedAt: '2026-03-09T00:00:00.000Z',
      });
      await f.tracing.tasks.assign(f.ctx, id!, 'grid-worker-7');
      await f.tracing.tasks.addNote(f.ctx, id!, 'fever 37.8 on day 2');
      const released = await f.tracing.tasks.move(f.ctx, id!, { status: 'released' });
      expect(released.closedAt).not.toBeNull();
      const detail = await f.tracing.tasks.getTask(f.ctx, id!);
      expect(detail.history.map((h) => [h.action, h.toStatus, h.note])).toEqual(
        expect.arrayContaining([
          ['status', 'notified', 'called at 09:10'],
          ['status', 'quarantined', null],
          ['assigned', null, null],
          ['note', null, 'fever 37.8 on day 2'],
          ['status', 'released', null],
        ]),
      );
    });

    it('adds a contact an investigator learned in an interview, with its own task', async () => {
      const f = await startedFixture();
      const casePerson = (await f.hub.persons.resolveRefs([CASE_A], { createMissing: false })).get(CASE_A)!;
      const contactId = await f.tracing.workflow.addInterviewExposure(f.ctx, casePerson, {
        personRef: 'told-by-case',
        degree: 1,
        kind: 'other',
        placeId: 'dinner at home of a friend',
        from: '2026-03-04T19:00:00+08:00',
        to: '2026-03-04T21:00:00+08:00',
        note: 'named by the case on the phone',
      });
      const contacts = await f.tracing.tasks.listContacts(
        f.ctx,
        casePerson,
        {},
        { limit: 50, offset: 0, order: 'asc', q: 'told-by-case' },
      );
      expect(contacts.items).toHaveLength(1);
      expect(contacts.items[0]).toMatchObject({
        id: contactId,
        source: 'interview',
        degree: 1,
        note: 'named by the case on the phone',
        exposures: [
          { kind: 'other', place_id: 'dinner at home of a friend', overlap_minutes: 120, via: null },
        ],
        taskStatus: 'identified',
      });
      await expect(
        f.tracing.workflow.addInterviewExposure(f.ctx, casePerson, {
          personRef: 'x',
          degree: 1,
          kind: 'other',
          placeId: 'p',
          from: '2026-03-04T21:00:00+08:00',
          to: '2026-03-04T19:00:00+08:00',
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ record: 'exposure', field: 'to' }] });
    });

    it('shows a district only its own tasks, and masks ids as imported for roles that may not see them', async () => {
      const f = await startedFixture();
      const inOther = await f.tracing.tasks.listTasks(
        district(f, '430211'),
        {},
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(inOther.total).toBe(0);
      const mine = await f.tracing.tasks.listTasks(
        district(f, '430202'),
        {},
        { limit: 50, offset: 0, order: 'asc' },
      );
      expect(mine.total).toBeGreaterThan(0);
      const analyst = { ...district(f, '430202'), disclosed: new Set<never>() };
      const masked = await f.tracing.tasks.listTasks(
        analyst,
        {},
        { limit: 50, offset: 0, order: 'asc', q: 'wf-close' },
      );
      expect(masked.items[0]!.personRef).not.toBe('wf-close');
      await expect(f.tracing.tasks.getTask(district(f, '430211'), mine.items[0]!.id)).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  },
  { migrations: tracingTestMigrations },
);
