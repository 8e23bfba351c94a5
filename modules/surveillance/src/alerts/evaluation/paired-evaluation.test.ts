import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '@shuzhi/db';
import { createTestDatabase } from '@shuzhi/db/testing';
import { surveillanceTestMigrations } from '../testing.js';
import { pairedEvaluation } from './paired-evaluation.js';
import { falseAlertRate, timeliness, type RaisedAlert } from './warning-scores.js';

const opened: { dispose: () => Promise<void> }[] = [];
async function freshDatabase(): Promise<Database> {
  const handle = await createTestDatabase('sqlite', { migrations: surveillanceTestMigrations });
  opened.push(handle);
  return handle.database;
}

describe('early warning measured against the simulator’s truth', () => {
  afterAll(async () => {
    for (const handle of opened) await handle.dispose();
  });

  // A small city (10,000 residents, 32 days, a market cluster from day 22) keeps this quick; the full
  // measurement (50,000 residents, several seeds) is bench/early-warning.ts, recorded in the notes.
  it('alerts in the cluster’s district within days of its first infection, and rarely where nothing happens', async () => {
    const result = await pairedEvaluation(freshDatabase, {
      people: 10_000,
      days: 32,
      clusterDay: 22,
      seed: 2,
      warmUpDays: 10,
    });
    expect(result.sameBackground).toBe(true);
    expect(result.cluster).toMatchObject({ district: '430281', start: '2026-03-24' }); // Liling: at 10,000 residents its market is the busiest
    expect(result.clusterInfections).toBeGreaterThan(50);
    const delay = result.timeliness!.daysFromFirstInfection;
    expect(delay).not.toBeNull();
    expect(delay!).toBeGreaterThanOrEqual(3); // nothing can show before the first symptoms
    expect(delay!).toBeLessThanOrEqual(9);
    expect(result.falseAlerts.perDistrictMonth).toBeLessThan(1);
  }, 60_000);
});

describe('scoring alerts against truth', () => {
  const cluster = {
    street: '430211003000',
    district: '430211',
    firstInfection: '2026-03-13',
    start: '2026-03-14',
  };
  const alert = (area: string, indicator: string, firstAlarmDate: string): RaisedAlert => ({
    area,
    indicator,
    firstAlarmDate,
    level: 'blue',
    alarmDays: 1,
    algorithms: ['earsC2'],
  });

  it('counts the first alert in the cluster’s district after its first infection, not noise the counterfactual also raised', () => {
    const alerts = [
      alert('430211', 'ili', '2026-03-10'), // before the cluster
      alert('430202', 'ili', '2026-03-15'), // elsewhere
      alert('430211', 'antipyretic_sales', '2026-03-16'), // also in the run without the cluster
      alert('430211', 'fever_clinic_visits', '2026-03-18'),
      alert('430211', 'tests_positive', '2026-03-19'),
    ];
    const result = timeliness(alerts, cluster, [alert('430211', 'antipyretic_sales', '2026-03-16')]);
    expect(result.daysFromFirstInfection).toBe(5);
    expect(result.daysFromStart).toBe(4);
    expect(result.byIndicator.map((b) => b.indicator)).toEqual(['fever_clinic_visits', 'tests_positive']);
    expect(timeliness([alerts[1]!], cluster)).toMatchObject({
      firstAlert: null,
      daysFromFirstInfection: null,
    });
  });

  it('gives false alerts per district and 30 days of monitoring', () => {
    const rate = falseAlertRate(
      [alert('430202', 'ili', '2026-03-10'), alert('430203', 'ili', '2026-04-01')],
      {
        districts: 9,
        monitoredDays: 60,
      },
    );
    expect(rate).toEqual({
      alerts: 2,
      districtMonths: 18,
      perDistrictMonth: 2 / 18,
      byIndicator: { ili: 2 },
    });
  });
});
