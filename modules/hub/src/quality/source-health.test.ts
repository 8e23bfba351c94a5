import { describe, expect, it } from 'vitest';
import { sourceHealth, startOfLocalDay } from './source-health.js';

const base = {
  createdAt: '2026-02-01T00:00:00Z',
  expectedIntervalHours: 24,
  lastRecordAt: '2026-03-01T02:00:00Z',
  acceptedToday: 40,
  accepted: 90,
  unchanged: 0,
  rejected: 10,
  delaysMs: [60_000, 120_000, 180_000, 240_000, 600_000],
};

describe('source health', () => {
  it('measures the rejection rate and the typical delay', () => {
    const health = sourceHealth(base, new Date('2026-03-01T08:00:00Z'));
    expect(health).toMatchObject({
      recordsToday: 40,
      rejectionRate: 0.1,
      typicalDelayMinutes: 3,
      silent: false,
      silentForHours: 6,
    });
    // Type 7: h = 4 × 0.9 = 3.6 → 4 + 0.6 × (10 − 4) = 7.6 minutes.
    expect(health.delayP90Minutes).toBe(7.6);
  });

  it('warns when a source is silent longer than its expected interval, counting from registration if it never sent', () => {
    expect(sourceHealth(base, new Date('2026-03-02T03:00:00Z')).silent).toBe(true);
    const never = sourceHealth(
      { ...base, lastRecordAt: null, accepted: 0, rejected: 0, delaysMs: [] },
      new Date('2026-02-01T12:00:00Z'),
    );
    expect(never).toMatchObject({ silent: false, rejectionRate: null, typicalDelayMinutes: null });
  });

  it('leaves records dated after their arrival (a clock error at the source) out of the delay', () => {
    const skewed = sourceHealth(
      { ...base, delaysMs: [-3 * 86_400_000, -1000, 60_000, 120_000] },
      new Date('2026-03-01T08:00:00Z'),
    );
    expect(skewed).toMatchObject({ typicalDelayMinutes: 1.5, delayP90Minutes: 1.9 });
    expect(sourceHealth({ ...base, delaysMs: [-60_000] }, new Date('2026-03-01T08:00:00Z'))).toMatchObject({
      typicalDelayMinutes: null,
      delayP90Minutes: null,
    });
  });

  it('starts the day at midnight in Asia/Shanghai', () => {
    expect(startOfLocalDay(new Date('2026-03-01T15:59:00Z')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-03-01T16:00:00Z')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
});
