// Probable infectors: earlier cases met before onset, weighted by the serial-interval density and normalised.
import { describe, expect, it } from 'vitest';
import type { ChainCase, SharedExposure } from './chain-inputs.js';
import { sharedExposuresFromTraces } from './chain-inputs.js';
import { probableInfectors } from './infectors.js';
import { serialIntervalDensity } from './serial-interval.js';

const DAY = 86_400_000;
const t0 = Date.parse('2022-04-01T00:00:00Z');
const onsetDay = (caseId: string, day: number): ChainCase => ({ caseId, onset: t0 + day * DAY });
const met = (
  caseA: string,
  caseB: string,
  day: number,
  kind: SharedExposure['kind'] = 'venue',
): SharedExposure => ({
  caseA,
  caseB,
  kind,
  placeId: `${kind}-${caseA}-${caseB}`,
  from: t0 + day * DAY,
  to: t0 + day * DAY + 3_600_000,
});
const si = { meanDays: 5, sdDays: 2 };

describe('probable infectors', () => {
  it('weighs earlier cases met before onset by the serial-interval density, normalised to 1', () => {
    const cases = [onsetDay('a', 0), onsetDay('b', 3), onsetDay('c', 8)];
    const [, , forC] = probableInfectors(cases, [met('a', 'c', 1), met('c', 'b', 4)], { serialInterval: si });
    const wa = serialIntervalDensity(8, si);
    const wb = serialIntervalDensity(5, si);
    expect(forC!.candidates.map((c) => [c.caseId, c.serialIntervalDays])).toEqual([
      ['b', 5],
      ['a', 8],
    ]);
    expect(forC!.candidates[0]!.likelihood).toBeCloseTo(wb / (wa + wb), 12);
    expect(forC!.candidates[1]!.likelihood).toBeCloseTo(wa / (wa + wb), 12);
  });

  it('never names a later case, a case with the same onset, or an exposure after onset', () => {
    const cases = [
      onsetDay('a', 0),
      onsetDay('same-day', 0),
      onsetDay('later', 6),
      onsetDay('met-after-onset', -5),
    ];
    const result = probableInfectors(
      cases,
      [met('a', 'same-day', -1), met('a', 'later', -1), met('met-after-onset', 'a', 1)],
      {
        serialInterval: si,
      },
    );
    expect(result.find((r) => r.caseId === 'a')!.candidates).toEqual([]);
    expect(result.find((r) => r.caseId === 'same-day')!.candidates).toEqual([]);
    expect(result.find((r) => r.caseId === 'later')!.candidates.map((c) => c.caseId)).toEqual(['a']);
  });

  it('multiplies by the weight of the heaviest exposure kind', () => {
    const cases = [onsetDay('bus', 0), onsetDay('home', 0), onsetDay('x', 5)];
    const [, , forX] = probableInfectors(
      cases,
      [met('bus', 'x', 1, 'trip'), met('home', 'x', 1, 'household')],
      {
        serialInterval: si,
        kindWeights: { household: 3, trip: 1 },
      },
    );
    expect(forX!.candidates.map((c) => [c.caseId, c.likelihood])).toEqual([
      ['home', 0.75],
      ['bus', 0.25],
    ]);
  });

  it('reads shared exposures from traces: close contacts that are cases themselves', () => {
    const trace = {
      case: 'a',
      window: { from: '2022-04-01T00:00:00.000Z', to: '2022-04-03T00:00:00.000Z' },
      contacts: [
        {
          person_id: 'b',
          degree: 1 as const,
          exposures: [
            {
              kind: 'venue' as const,
              place_id: 'cafe',
              from: '2022-04-01T10:00:00.000Z',
              to: '2022-04-01T11:00:00.000Z',
              overlap_minutes: 60,
              via: null,
            },
          ],
        },
        { person_id: 'not-a-case', degree: 1 as const, exposures: [] },
        { person_id: 'c', degree: 2 as const, exposures: [] },
      ],
    };
    expect(sharedExposuresFromTraces([trace], ['a', 'b', 'c'])).toEqual([
      {
        caseA: 'a',
        caseB: 'b',
        kind: 'venue',
        placeId: 'cafe',
        from: Date.parse('2022-04-01T10:00:00Z'),
        to: Date.parse('2022-04-01T11:00:00Z'),
      },
    ]);
  });
});
