import { beforeAll, describe, expect, it } from 'vitest';
import { VisitFlag } from './day-presence.js';
import { MINUTES_PER_DAY } from './local-time.js';
import { PersonKind } from './population.js';
import { simulateCity, type SimulationResult } from './simulation.js';

let result: SimulationResult;

beforeAll(() => {
  result = simulateCity({
    people: 6000,
    days: 8,
    seed: 5,
    initialInfections: 10,
    visitors: { perThousandResidentsPerDay: 4 },
    international: { arrivalsPerDay: 3 },
    plantedCluster: { kind: 'market', day: 3 },
  });
});

interface Interval {
  from: number;
  to: number;
  what: string;
}

/** Every person's stays and rides of the day, as intervals. */
function intervalsByPerson(day: number): Map<number, Interval[]> {
  const { visits, trips } = result.days[day]!.presence;
  const byPerson = new Map<number, Interval[]>();
  const add = (p: number, interval: Interval) => {
    const list = byPerson.get(p);
    if (list) list.push(interval);
    else byPerson.set(p, [interval]);
  };
  for (let k = 0; k < visits.person.length; k++) {
    if (visits.flags[k]! & VisitFlag.cancelled) continue;
    add(visits.person[k]!, { from: visits.start[k]!, to: visits.end[k]!, what: `visit ${visits.venue[k]}` });
  }
  for (let k = 0; k < trips.person.length; k++) {
    if (trips.recorded[k]! < 0) continue;
    add(trips.person[k]!, { from: trips.board[k]!, to: trips.alight[k]!, what: `ride ${trips.run[k]}` });
  }
  return byPerson;
}

describe('presence events', () => {
  it('never put anyone in two places at once (visits and rides do not overlap)', () => {
    const clashes: string[] = [];
    for (let day = 0; day < result.days.length; day++) {
      for (const [p, intervals] of intervalsByPerson(day)) {
        intervals.sort((a, b) => a.from - b.from);
        for (let i = 1; i < intervals.length; i++) {
          if (intervals[i]!.from < intervals[i - 1]!.to)
            clashes.push(`day ${day} person ${p}: ${intervals[i - 1]!.what} / ${intervals[i]!.what}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('record gate passes only while the person is not inside a venue', () => {
    const inside: string[] = [];
    for (let day = 0; day < result.days.length; day++) {
      const intervals = intervalsByPerson(day);
      const { gates } = result.days[day]!.presence;
      for (let k = 0; k < gates.person.length; k++) {
        if (gates.inward[k]! < 0) continue;
        const t = gates.time[k]!;
        for (const interval of intervals.get(gates.person[k]!) ?? []) {
          if (t > interval.from && t < interval.to)
            inside.push(`day ${day} person ${gates.person[k]} at ${t} in ${interval.what}`);
        }
      }
    }
    expect(inside).toEqual([]);
  });

  it('alternate out and in at the gate, starting with out each day', () => {
    const wrong: string[] = [];
    for (const out of result.days) {
      const last = new Map<number, number>();
      const { gates } = out.presence;
      for (let k = 0; k < gates.person.length; k++) {
        if (gates.inward[k]! < 0) continue;
        const previous = last.get(gates.person[k]!) ?? 1;
        if (previous === gates.inward[k]) wrong.push(`day ${out.day} person ${gates.person[k]}`);
        last.set(gates.person[k]!, gates.inward[k]!);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keep each visit inside its day, with check-out after check-in', () => {
    const wrong: string[] = [];
    for (const out of result.days) {
      const { visits } = out.presence;
      const dayStart = out.day * MINUTES_PER_DAY;
      for (let k = 0; k < visits.person.length; k++) {
        if (visits.flags[k]! & VisitFlag.cancelled) continue;
        const ok =
          visits.start[k]! >= dayStart &&
          visits.end[k]! <= dayStart + MINUTES_PER_DAY &&
          visits.end[k]! > visits.start[k]!;
        if (!ok) wrong.push(`day ${out.day} visit ${k}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('use only zones the venue has', () => {
    const { venues } = result.city.places;
    const wrong: number[] = [];
    for (const out of result.days) {
      const { visits } = out.presence;
      for (let k = 0; k < visits.person.length; k++) {
        const zone = visits.zone[k]!;
        if (zone !== -1 && (zone < 0 || zone >= venues.list[visits.venue[k]!]!.zones.length)) wrong.push(k);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('show the configured compliance: a share of visits unscanned, some check-outs missing', () => {
    let visits = 0;
    let scanned = 0;
    let checkedOut = 0;
    for (const out of result.days) {
      const flags = out.presence.visits.flags;
      for (let k = 0; k < flags.length; k++) {
        visits++;
        if (flags[k]! & VisitFlag.scanned) scanned++;
        if (flags[k]! & VisitFlag.checkoutRecorded) checkedOut++;
      }
    }
    // 5 % never scan, the rest scan 90 % of visits; 30 % of scans lack a check-out (defaults).
    expect(scanned / visits).toBeGreaterThan(0.8);
    expect(scanned / visits).toBeLessThan(0.9);
    expect(checkedOut / scanned).toBeGreaterThan(0.65);
    expect(checkedOut / scanned).toBeLessThan(0.75);
  });

  it('seat every train and flight passenger in a seat of their own', () => {
    const taken = new Set<string>();
    const duplicates: string[] = [];
    for (const out of result.days) {
      const { trips } = out.presence;
      for (let k = 0; k < trips.person.length; k++) {
        if (trips.row[k] === 0) continue;
        const key = `${trips.run[k]}:${trips.carriage[k]}:${trips.row[k]}:${trips.seat[k]}`;
        if (taken.has(key)) duplicates.push(key);
        taken.add(key);
      }
    }
    expect(taken.size).toBeGreaterThan(0);
    expect(duplicates).toEqual([]);
  });

  it('bring visitors in by train and travellers in by air', () => {
    const { population, network } = result.city;
    const modes = new Map<number, Set<string>>();
    for (const out of result.days) {
      const { trips } = out.presence;
      for (let k = 0; k < trips.person.length; k++) {
        const kind = population.kind[trips.person[k]!]!;
        const mode = network.transit.lines[network.transit.runs[trips.run[k]!]!.line]!.mode;
        if (!modes.has(kind)) modes.set(kind, new Set());
        modes.get(kind)!.add(mode);
      }
    }
    expect([...(modes.get(PersonKind.visitor) ?? [])]).toEqual(['train']);
    expect([...(modes.get(PersonKind.traveller) ?? [])]).toContain('flight');
    expect([...(modes.get(PersonKind.resident) ?? [])].sort()).toEqual(['bus', 'metro']);
  });
});
