import { beforeAll, describe, expect, it } from 'vitest';
import { PlaceKind } from './epidemic-state.js';
import { MINUTES_PER_DAY } from './local-time.js';
import { clusterMembers } from './planted-cluster.js';
import { simulateCity, type SimulationResult } from './simulation.js';

const CLUSTER_DAY = 6;
let result: SimulationResult;

beforeAll(() => {
  // Few importations, so that the planted cluster is what stands out in its district.
  result = simulateCity({
    people: 20_000,
    days: 15,
    seed: 8,
    initialInfections: 2,
    plantedCluster: { kind: 'market', day: CLUSTER_DAY },
  });
});

function series(area: string, indicator: string): number[] {
  return result.days.map(
    (d) => d.indicators.find((r) => r.area === area && r.indicator === indicator)?.count ?? 0,
  );
}

describe('the planted cluster', () => {
  it('starts at a wet market in an urban street on the chosen day, from one index case', () => {
    const cluster = result.city.cluster!;
    const venue = result.city.places.venues.list[cluster.venue]!;
    expect(venue.type).toBe('market');
    expect(result.city.areas.streets[cluster.street]!.name).toMatch(/街道$/);
    expect(cluster.start).toBe(CLUSTER_DAY * MINUTES_PER_DAY + 6 * 60);
    const { epidemic } = result.city;
    expect(epidemic.placeKind[cluster.index]).toBe(PlaceKind.seeded);
    // Infectious from the cluster morning, not before.
    expect(epidemic.rateAt(cluster.index, cluster.start - 60)).toBe(0);
    expect(epidemic.rateAt(cluster.index, cluster.start + 60)).toBeGreaterThan(0);
  });

  it('infects many people at the market within days', () => {
    const members = clusterMembers(result.city.cluster!, result.city.epidemic);
    const atVenue = members.filter((m) => m.role === 'venue');
    expect(atVenue.length).toBeGreaterThanOrEqual(10);
    const { epidemic } = result.city;
    const lastDay = Math.max(...atVenue.map((m) => epidemic.infectedAt[m.person]!)) / MINUTES_PER_DAY;
    expect(lastDay).toBeLessThan(CLUSTER_DAY + 7);
  });

  it('shows up in its district’s indicators within a week: positive tests and fever-clinic visits above baseline', () => {
    const district = result.city.areas.streets[result.city.cluster!.street]!.code.slice(0, 6);
    const positives = series(district, 'tests_positive');
    const feverVisits = series(district, 'fever_clinic_visits');
    const before = (values: number[]) =>
      values.slice(0, CLUSTER_DAY).reduce((a, b) => a + b, 0) / CLUSTER_DAY;
    const after = (values: number[]) => Math.max(...values.slice(CLUSTER_DAY + 2, CLUSTER_DAY + 8));
    expect(after(positives)).toBeGreaterThanOrEqual(before(positives) + 3);
    expect(after(feverVisits)).toBeGreaterThan(before(feverVisits));
  });
});
