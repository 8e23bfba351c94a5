import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FixedClock } from '@shuzhi/core';
import { importNdjsonStream } from '@shuzhi/hub';
import { startServer } from './server.js';
import { serverTestConfig } from './testing.js';

const until = async (condition: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
};

describe('the server raises follow-ups in the background', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-sweep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('raises a follow-up for a positive result left unreported past the grace period, with nobody listing tasks, and stops with the server', async () => {
    const clock = new FixedClock('2026-03-02T08:00:00Z');
    const config = serverTestConfig(dir);
    const server = await startServer(config, {
      handleSignals: false,
      print: () => undefined,
      clock,
      followUpSweepMs: 25,
    });
    const { platform } = server;
    let sweeps = 0;
    const sweep = platform.hub.data.facts.sweep.bind(platform.hub.data.facts);
    platform.hub.data.facts.sweep = () => {
      sweeps++;
      return sweep();
    };
    const lines = [
      {
        resourceType: 'Patient',
        id: 'sw-p1',
        name: [{ text: '赵敏' }],
        gender: 'female',
        birthDate: '1990-04-01',
      },
      {
        resourceType: 'Observation',
        id: 'sw-o1',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
        subject: { reference: 'Patient/sw-p1' },
        effectiveDateTime: '2026-03-02T09:00:00+08:00',
        valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] },
      },
    ].map((resource) => JSON.stringify(resource));
    const report = await importNdjsonStream(
      platform.database,
      platform.hub.data.records,
      Readable.from([lines.join('\n')]),
      { sourceId: 'sweep-lab' },
    );
    expect(report.status).toBe('accepted');
    const tasks = async () =>
      (await platform.database.db.selectFrom('followup_tasks').select(['kind', 'person_id']).execute()) as {
        kind: string;
        person_id: string;
      }[];
    // Within the grace period the sweep runs and raises nothing.
    expect(await until(async () => sweeps >= 2, 2000)).toBe(true);
    expect(await tasks()).toEqual([]);
    // A day and an hour later, with no case report, the next sweep raises the follow-up on its own.
    clock.advanceMinutes(25 * 60);
    expect(await until(async () => (await tasks()).length > 0, 3000)).toBe(true);
    expect(await tasks()).toEqual([
      { kind: 'positive-unreported', person_id: expect.stringMatching(/^per_/) },
    ]);
    await server.stop();
    const afterStop = sweeps;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sweeps).toBe(afterStop);
  });
});
