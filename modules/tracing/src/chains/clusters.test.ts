// Clusters of cases: components through shared exposures and places, with generations, timeline and growth.
import { describe, expect, it } from 'vitest';
import type { CaseVisit, ChainCase, SharedExposure } from './chain-inputs.js';
import { findClusters } from './clusters.js';
import { probableInfectors } from './infectors.js';

const DAY = 86_400_000;
// Onsets at 12:00 Beijing time (04:00 UTC) on 2022-04-01 + day.
const t0 = Date.parse('2022-04-01T04:00:00Z');
const onsetDay = (caseId: string, day: number): ChainCase => ({ caseId, onset: t0 + day * DAY });
const met = (caseA: string, caseB: string, day: number, placeId = 'market'): SharedExposure => ({
  caseA,
  caseB,
  kind: 'venue',
  placeId,
  from: t0 + day * DAY - 6 * 3_600_000,
  to: t0 + day * DAY - 5 * 3_600_000,
});
const visit = (caseId: string, placeId: string, fromHour: number, toHour: number): CaseVisit => ({
  caseId,
  kind: 'venue',
  placeId,
  from: t0 + fromHour * 3_600_000,
  to: t0 + toHour * 3_600_000,
});

describe('clusters', () => {
  it('groups cases linked by shared exposures, chains them by most likely infector, counts generations', () => {
    const cases = [
      onsetDay('a', 0),
      onsetDay('b', 4),
      onsetDay('c', 9),
      onsetDay('d', 9),
      onsetDay('alone', 2),
    ];
    const shared = [met('a', 'b', 1), met('b', 'c', 6, 'office'), met('b', 'd', 6, 'office')];
    const infectors = probableInfectors(cases, shared, { serialInterval: { meanDays: 5, sdDays: 2 } });
    const [cluster, ...others] = findClusters({ cases, shared, infectors }, { asOf: t0 + 9 * DAY });
    expect(others).toEqual([]);
    expect(cluster).toMatchObject({
      id: 'a',
      cases: ['a', 'b', 'c', 'd'],
      size: 4,
      generations: 3,
      edges: [
        { infector: 'a', infectee: 'b', likelihood: 1 },
        { infector: 'b', infectee: 'c', likelihood: 1 },
        { infector: 'b', infectee: 'd', likelihood: 1 },
      ],
      places: [
        { kind: 'venue', place_id: 'office', cases: 3 },
        { kind: 'venue', place_id: 'market', cases: 2 },
      ],
    });
  });

  it('links cases whose visits to a place overlap or come within the gap, and no others', () => {
    const cases = [onsetDay('a', 0), onsetDay('b', 0), onsetDay('c', 0), onsetDay('d', 0)];
    const visits = [
      visit('a', 'gym', 0, 2),
      visit('b', 'gym', 1, 3),
      visit('c', 'gym', 5, 6),
      visit('d', 'pool', 0, 2),
    ];
    expect(findClusters({ cases, shared: [], visits }, { asOf: t0 }).map((c) => c.cases)).toEqual([
      ['a', 'b'],
    ]);
    const withGap = findClusters({ cases, shared: [], visits }, { asOf: t0, linkGapHours: 2 });
    expect(withGap.map((c) => c.cases)).toEqual([['a', 'b', 'c']]);
    expect(withGap[0]!.places).toEqual([{ kind: 'venue', place_id: 'gym', cases: 3 }]);
  });

  it('links a chain of overlapping visits even when the first and last never overlap', () => {
    const cases = [onsetDay('a', 0), onsetDay('b', 0), onsetDay('c', 0)];
    const visits = [visit('a', 'hall', 0, 10), visit('b', 'hall', 1, 2), visit('c', 'hall', 9, 12)];
    expect(findClusters({ cases, shared: [], visits }, { asOf: t0 }).map((c) => c.cases)).toEqual([
      ['a', 'b', 'c'],
    ]);
  });

  it('gives cases per calendar day in the time zone, with the empty days, and week-on-week growth', () => {
    // 00:30 on 2022-04-01 in Beijing is still 2022-03-31 in UTC.
    const late = { caseId: 'late', onset: Date.parse('2022-03-31T16:30:00Z') };
    const cases = [late, onsetDay('b', 2), onsetDay('c', 8), onsetDay('d', 9), onsetDay('e', 9)];
    const shared = [met('late', 'b', 1), met('b', 'c', 7), met('c', 'd', 8), met('c', 'e', 8)];
    const [cluster] = findClusters({ cases, shared }, { asOf: t0 + 9 * DAY, growthWindowDays: 7 });
    expect(cluster!.timeline[0]).toEqual({ date: '2022-04-01', cases: 1 });
    expect(cluster!.timeline).toHaveLength(10);
    expect(cluster!.timeline.at(-1)).toEqual({ date: '2022-04-10', cases: 2 });
    expect(cluster!.timeline.reduce((sum, d) => sum + d.cases, 0)).toBe(5);
    // Last 7 days (04-04…04-10): c, d, e; the 7 before (03-28…04-03): late, b.
    expect(cluster!.growth).toEqual({
      windowDays: 7,
      recent: 3,
      previous: 2,
      ratio: 1.5,
      dailyGrowthRate: Math.log(1.5) / 7,
      doublingDays: Math.LN2 / (Math.log(1.5) / 7),
    });
    const inUtc = findClusters({ cases, shared }, { asOf: t0 + 9 * DAY, timeZone: 'UTC' });
    expect(inUtc[0]!.timeline.slice(0, 2)).toEqual([
      { date: '2022-03-31', cases: 1 },
      { date: '2022-04-01', cases: 0 },
    ]);
  });
});
