/**
 * Mass screening (全员核酸): after a district's (or street's) first confirmed case, rounds of testing of
 * all its residents. Participants are sampled at their street's site and pooled ten to a tube in arrival
 * order; a pool is positive when any member is detected (slightly diluted, Yelin et al. 2020).
 */
import type { CityAreas } from './city-areas.js';
import { NONE, type EpidemicState } from './epidemic-state.js';
import type { TestingOptions } from './health-system.js';
import { MINUTES_PER_DAY, type SimulationClock } from './local-time.js';
import type { Population } from './population.js';
import { Random, streams } from './random.js';
import { pcrSensitivity, pcrSpecificity, pooledSensitivityFactor } from './test-accuracy.js';

/** One pooled tube and its result time. */
export interface PooledSample {
  issue: number;
  source: number;
  pool: string;
  members: number[];
  specimens: number[];
  positive: boolean;
}

export interface MassScreeningContext {
  seed: number;
  population: Population;
  epidemic: EpidemicState;
  areas: CityAreas;
  clock: SimulationClock;
  testing: TestingOptions;
  labSources: number[];
  /** Residents by home district and street, and each person's home district and street. */
  residents: { byDistrict: number[][]; byStreet: number[][]; district: Int32Array; street: Int32Array };
  isConfirmed: (person: number) => boolean;
  turnaround: (medianHours: number, person: number, minute: number) => number;
}

export class MassScreening {
  private readonly rounds = new Map<number, { scope: 'district' | 'street'; area: number }[]>();
  private readonly screenedAreas = new Set<string>();
  private pools: PooledSample[] = [];
  private poolCounter = 0;
  /** Separate streams for who takes part and for who is detected, so neither shifts the other. */
  private readonly sampler = new Random(0);
  private readonly detector = new Random(0);

  constructor(private readonly ctx: MassScreeningContext) {}

  /** The first confirmed case of an area starts its rounds the next day (later cases change nothing). */
  triggerAfter(person: number, minute: number): void {
    const { massScreening } = this.ctx.testing;
    const area =
      massScreening.scope === 'district'
        ? this.ctx.residents.district[person]!
        : this.ctx.residents.street[person]!;
    const key = `${massScreening.scope}:${area}`;
    if (area < 0 || this.screenedAreas.has(key)) return;
    this.screenedAreas.add(key);
    const firstDay = Math.floor(minute / MINUTES_PER_DAY) + 1;
    for (let r = 0; r < massScreening.rounds; r++) {
      const day = firstDay + r * massScreening.intervalDays;
      const list = this.rounds.get(day) ?? [];
      list.push({ scope: massScreening.scope, area });
      this.rounds.set(day, list);
    }
  }

  /** Takes today's samples: everyone in a screened area with the participation probability. */
  sample(day: number): void {
    const rounds = this.rounds.get(day);
    if (!rounds) return;
    const { population, epidemic, testing, areas, residents } = this.ctx;
    const random = this.sampler.reseed(this.ctx.seed, streams.testing, 0x5c4eed, day);
    const dayStart = day * MINUTES_PER_DAY;
    const { poolSize, participation } = testing.massScreening;
    for (const round of rounds) {
      const people =
        round.scope === 'district' ? residents.byDistrict[round.area]! : residents.byStreet[round.area]!;
      // Testing sites by street: participants are pooled in arrival order at their street's site.
      const byStreet = new Map<number, { person: number; minute: number }[]>();
      for (const p of people) {
        if (
          this.ctx.isConfirmed(p) ||
          epidemic.isIsolated(p, dayStart + 12 * 60) ||
          !random.chance(participation)
        )
          continue;
        if (population.age[p]! < 1) continue;
        const street = residents.street[p]!;
        const list = byStreet.get(street) ?? [];
        list.push({ person: p, minute: dayStart + random.between(7 * 60, 19 * 60) });
        byStreet.set(street, list);
      }
      const date = this.ctx.clock.dateOfDay(day).replace(/-/g, '');
      for (const [street, list] of byStreet) {
        list.sort((a, b) => a.minute - b.minute || a.person - b.person);
        const source = this.ctx.labSources[street % this.ctx.labSources.length]!;
        for (let i = 0; i < list.length; i += poolSize) {
          const group = list.slice(i, i + poolSize);
          const last = group[group.length - 1]!.minute;
          this.pools.push({
            issue: last + this.ctx.turnaround(testing.screeningTurnaroundHours, group[0]!.person, last),
            source,
            pool: `${areas.streets[street]!.code}-${date}-${String(++this.poolCounter).padStart(6, '0')}`,
            members: group.map((m) => m.person),
            specimens: group.map((m) => m.minute),
            positive: group.some((m) => this.detected(m.person, m.minute)),
          });
        }
      }
    }
  }

  /** Pools whose results are issued before `until`, removed from the waiting list. */
  takeDue(until: number): PooledSample[] {
    const due = this.pools.filter((pool) => pool.issue < until);
    this.pools = this.pools.filter((pool) => pool.issue >= until);
    return due;
  }

  /** Whether one member makes the pool positive: sensitivity by days since onset, diluted in the pool. */
  private detected(person: number, minute: number): boolean {
    const { epidemic } = this.ctx;
    const random = this.detector.reseed(this.ctx.seed, streams.testing, person, minute + 7);
    const infectedAt = epidemic.infectedAt[person]!;
    if (infectedAt === NONE || minute < infectedAt + MINUTES_PER_DAY)
      return random.chance((1 - pcrSpecificity) / 10);
    const days = (minute - epidemic.onsetAt[person]!) / MINUTES_PER_DAY;
    return random.chance(pcrSensitivity(days) * pooledSensitivityFactor);
  }
}
