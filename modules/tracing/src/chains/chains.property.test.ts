// Properties of chains and clusters on random outbreaks: likelihoods are a distribution over earlier
// cases met before onset; clusters are exactly the connected components a plain graph search finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseVisit, ChainCase, SharedExposure } from './chain-inputs.js';
import { findClusters } from './clusters.js';
import { probableInfectors } from './infectors.js';

const HOUR = 3_600_000;
const t0 = Date.parse('2022-04-01T00:00:00Z');
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const outbreak = fc.record({
  cases: fc.uniqueArray(
    fc.record({ caseId: fc.constantFrom(...ids), onset: fc.integer({ min: 0, max: 20 * 24 }) }),
    {
      selector: (c) => c.caseId,
      minLength: 1,
    },
  ),
  shared: fc.array(
    fc.record({
      caseA: fc.constantFrom(...ids),
      caseB: fc.constantFrom(...ids),
      kind: fc.constantFrom('venue', 'household', 'trip', 'stay'),
      placeId: fc.constantFrom('p1', 'p2'),
      at: fc.integer({ min: 0, max: 20 * 24 }),
    }),
    { maxLength: 12 },
  ),
  visits: fc.array(
    fc.record({
      caseId: fc.constantFrom(...ids),
      placeId: fc.constantFrom('gym', 'market', 'school'),
      at: fc.integer({ min: 0, max: 36 }),
      hours: fc.integer({ min: 0, max: 6 }),
    }),
    { maxLength: 14 },
  ),
  gapHours: fc.constantFrom(0, 1, 6),
});

const toCases = (cases: { caseId: string; onset: number }[]): ChainCase[] =>
  cases.map((c) => ({ caseId: c.caseId, onset: t0 + c.onset * HOUR }));
const toShared = (shared: { caseA: string; caseB: string; kind: string; placeId: string; at: number }[]) =>
  shared.map((s): SharedExposure => ({
    caseA: s.caseA,
    caseB: s.caseB,
    kind: s.kind as SharedExposure['kind'],
    placeId: s.placeId,
    from: t0 + s.at * HOUR,
    to: t0 + (s.at + 1) * HOUR,
  }));
const toVisits = (visits: { caseId: string; placeId: string; at: number; hours: number }[]) =>
  visits.map((v): CaseVisit => ({
    caseId: v.caseId,
    kind: 'venue',
    placeId: v.placeId,
    from: t0 + v.at * HOUR,
    to: t0 + (v.at + v.hours) * HOUR,
  }));

describe('chains on random outbreaks', () => {
  it('gives each case a likelihood distribution over earlier cases it met before its onset', () => {
    fc.assert(
      fc.property(outbreak, (o) => {
        const cases = toCases(o.cases);
        const shared = toShared(o.shared);
        const onset = new Map(cases.map((c) => [c.caseId, c.onset]));
        for (const { caseId, candidates } of probableInfectors(cases, shared)) {
          if (candidates.length > 0)
            expect(candidates.reduce((sum, c) => sum + c.likelihood, 0)).toBeCloseTo(1, 12);
          for (const candidate of candidates) {
            expect(onset.get(candidate.caseId)!).toBeLessThan(onset.get(caseId)!);
            const met = shared.some(
              (s) =>
                ((s.caseA === caseId && s.caseB === candidate.caseId) ||
                  (s.caseB === caseId && s.caseA === candidate.caseId)) &&
                s.from < onset.get(caseId)!,
            );
            expect(met).toBe(true);
          }
        }
      }),
    );
  });

  it('forms clusters that are exactly the connected components of shared exposures and nearby visits', () => {
    fc.assert(
      fc.property(outbreak, (o) => {
        const cases = toCases(o.cases);
        const shared = toShared(o.shared);
        const visits = toVisits(o.visits);
        const gap = o.gapHours * HOUR;
        // A plain graph search over every pair: an edge for each shared exposure, and for two visits to
        // the same place whose intervals, widened by the gap, meet.
        const known = new Set(cases.map((c) => c.caseId));
        const edges = new Map<string, Set<string>>(cases.map((c) => [c.caseId, new Set<string>()]));
        const link = (a: string, b: string) => {
          if (a === b || !known.has(a) || !known.has(b)) return;
          edges.get(a)!.add(b);
          edges.get(b)!.add(a);
        };
        for (const s of shared) link(s.caseA, s.caseB);
        for (const v of visits) {
          for (const w of visits) {
            if (v.placeId === w.placeId && v.from <= w.to + gap && w.from <= v.to + gap)
              link(v.caseId, w.caseId);
          }
        }
        const seen = new Set<string>();
        const components: string[][] = [];
        for (const start of cases.map((c) => c.caseId)) {
          if (seen.has(start)) continue;
          const component: string[] = [];
          const queue = [start];
          seen.add(start);
          while (queue.length > 0) {
            const next = queue.pop()!;
            component.push(next);
            for (const neighbour of edges.get(next)!) {
              if (!seen.has(neighbour)) {
                seen.add(neighbour);
                queue.push(neighbour);
              }
            }
          }
          if (component.length >= 2) components.push(component.sort());
        }
        const clusters = findClusters({ cases, shared, visits }, { asOf: t0, linkGapHours: o.gapHours });
        const normalise = (groups: string[][]) => groups.map((g) => [...g].sort().join(',')).sort();
        expect(normalise(clusters.map((c) => c.cases))).toEqual(normalise(components));
        for (const cluster of clusters) expect(cluster.size).toBe(cluster.cases.length);
      }),
      { numRuns: 300 },
    );
  });
});
