import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shuzhi/core';
import { NONE } from './epidemic-state.js';
import { MINUTES_PER_DAY } from './local-time.js';
import { resolveOptions } from './options.js';
import { PersonKind } from './population.js';
import { CitySimulation, simulateCity, type DayOutput } from './simulation.js';

const small = {
  people: 3000,
  days: 6,
  initialInfections: 15,
  plantedCluster: { kind: 'market' as const, day: 2 },
};

/** A digest of everything a day produced. */
function digest(days: DayOutput[]): string {
  const hash = createHash('sha256');
  for (const day of days) {
    for (const group of [day.presence.visits, day.presence.trips, day.presence.gates]) {
      for (const column of Object.values(group))
        hash.update(Buffer.from(column.buffer, column.byteOffset, column.byteLength));
    }
    for (const [source, lines] of [...day.fhir].sort((a, b) => a[0].localeCompare(b[0])))
      hash.update(source + lines.join('\n'));
    hash.update(JSON.stringify(day.indicators));
  }
  return hash.digest('hex');
}

describe('simulation runs', () => {
  it('are reproducible: the same seed gives the same city, epidemic and records', () => {
    const a = simulateCity({ ...small, seed: 42 });
    const b = simulateCity({ ...small, seed: 42 });
    expect(digest(b.days)).toBe(digest(a.days));
    expect([...b.city.epidemic.infected]).toEqual([...a.city.epidemic.infected]);
    expect(b.city.population.personId).toEqual(a.city.population.personId);
  });

  it('differ between seeds', () => {
    const a = simulateCity({ ...small, seed: 42 });
    const c = simulateCity({ ...small, seed: 43 });
    expect(digest(c.days)).not.toBe(digest(a.days));
    expect(c.city.population.personId[0]).not.toBe(a.city.population.personId[0]);
  });

  it('step one day at a time and stop at the end', () => {
    const simulation = new CitySimulation({ ...small, seed: 1, days: 2, plantedCluster: null });
    expect(simulation.day).toBe(0);
    const first = simulation.step();
    expect(first.date).toBe('2026-03-02');
    expect(simulation.step().date).toBe('2026-03-03');
    expect(simulation.finished).toBe(true);
    expect(() => simulation.step()).toThrow(/already run/);
  });
});

describe('closing the loop (isolate)', () => {
  it('keeps quarantined people at home from the next day and averts infections', () => {
    const options = { people: 4000, days: 10, seed: 9, initialInfections: 25 };
    const baseline = new CitySimulation(options);
    const intervention = new CitySimulation(options);
    const quarantined = new Set<number>();
    const outAfterQuarantine: number[] = [];
    for (let day = 0; day < options.days; day++) {
      baseline.step();
      const out = intervention.step();
      for (const p of out.presence.visits.person) if (quarantined.has(p)) outAfterQuarantine.push(p);
      // A crude tracing stand-in: everyone infected so far and their households go home for 10 days.
      const { epidemic, population } = intervention.city;
      const ids: string[] = [];
      for (const p of epidemic.infected) {
        const h = population.household[p]!;
        if (h < 0) continue;
        for (
          let j = population.householdFirst[h]!;
          j < population.householdFirst[h]! + population.householdSize[h]!;
          j++
        ) {
          if (!quarantined.has(j)) {
            quarantined.add(j);
            ids.push(population.personId[j]!);
          }
        }
      }
      expect(intervention.isolate(ids, `${out.date}T20:00:00+08:00`, 10)).toBe(ids.length);
    }
    expect(intervention.city.epidemic.infected.length).toBeLessThan(baseline.city.epidemic.infected.length);
    expect(outAfterQuarantine).toEqual([]);
    const { epidemic } = intervention.city;
    expect([...quarantined].filter((p) => epidemic.quarantineFrom[p] === NONE)).toEqual([]);
    expect(intervention.isolate(['not-a-person'], Date.now())).toBe(0);
  });

  it('does not touch anyone’s schedule before the quarantine starts', () => {
    const options = { people: 3000, days: 3, seed: 4, initialInfections: 5 };
    const a = new CitySimulation(options);
    const b = new CitySimulation(options);
    const first = b.city.population.personId[0]!;
    b.isolate([first], '2026-03-03T00:00:00+08:00', 2);
    const dayA = a.step();
    const dayB = b.step();
    expect(digest([dayB])).toBe(digest([dayA]));
    const secondB = b.step();
    const visitsOfFirst = [...secondB.presence.visits.person].filter((p) => p === 0).length;
    expect(visitsOfFirst).toBe(0);
    expect(b.city.epidemic.quarantineFrom[0]).toBe(1 * MINUTES_PER_DAY);
  });
});

describe('simulation options', () => {
  it('fill in documented defaults', () => {
    const options = resolveOptions({ people: 1000 });
    expect(options).toMatchObject({ people: 1000, days: 14, strain: 'omicron', plantedCluster: null });
    expect(options.compliance.scanRate).toBe(0.9);
  });

  it('reject a bad value naming the field and the reason', () => {
    const attempt = (input: Parameters<typeof resolveOptions>[0]) => {
      try {
        resolveOptions(input);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const error = attempt({ compliance: { scanRate: 1.5 } });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect((error as AppError).issues).toEqual([
      { record: 'options', field: 'compliance.scanRate', reason: 'must be a number from 0 to 1' },
    ]);
    expect((attempt({ startDate: '2026-02-30' }) as AppError).issues[0]!.field).toBe('startDate');
    expect((attempt({ strain: 'delta' as 'omicron' }) as AppError).issues[0]!.field).toBe('strain');
    expect((attempt({ people: 10 }) as AppError).issues[0]!.field).toBe('people');
    expect((attempt({ days: 5, plantedCluster: { day: 9 } }) as AppError).issues[0]!.field).toBe(
      'plantedCluster.day',
    );
  });

  it('keep visitors and travellers apart from residents', () => {
    const result = simulateCity({
      people: 2000,
      days: 3,
      seed: 2,
      visitors: { perThousandResidentsPerDay: 10 },
      international: { arrivalsPerDay: 5 },
    });
    const { population } = result.city;
    const kinds = new Set<number>();
    for (let p = 0; p < population.size; p++) kinds.add(population.kind[p]!);
    expect([...kinds].sort()).toEqual([PersonKind.resident, PersonKind.visitor, PersonKind.traveller]);
  });
});
