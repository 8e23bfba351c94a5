/**
 * Public transport: city bus routes, the urban rapid-transit line, intercity and high-speed trains at
 * the city's stations, and international flights into the port. Each departure is a run (`trip_id`)
 * with carriages and seat rows; seats on a run are dealt so that no two passengers share one.
 */
import type { SimulationClock } from './local-time.js';
import { MINUTES_PER_DAY } from './local-time.js';

export type TripMode = 'flight' | 'train' | 'bus' | 'metro';
export const tripModes: readonly TripMode[] = ['flight', 'train', 'bus', 'metro'];

export interface Line {
  code: string;
  name: string;
  mode: TripMode;
  /** District served (index), or −1 for intercity services. */
  district: number;
  carriages: number;
  /** Seat rows per carriage (0: no reserved seats). */
  rows: number;
  seatLetters: string;
  /** Relative transmission per hour aboard (buses crowded, trains and planes ventilated and masked). */
  setting: number;
}

export interface Run {
  id: string;
  line: number;
  departure: number;
  arrival: number;
  origin: string;
  destination: string;
}

export interface Seat {
  /** 1-based carriage, 0 when the mode has none (flights, buses). */
  carriage: number;
  /** 1-based row, 0 when unreserved. */
  row: number;
  letter: string;
}

/** A frequent urban line: departures every `headway` minutes from `first` to `last` (minutes of day). */
interface Frequency {
  headway: number;
  first: number;
  last: number;
  runMinutes: number;
  origin: string;
  destination: string;
}

export class Transit {
  readonly lines: Line[] = [];
  readonly runs: Run[] = [];
  /** Bus lines serving each district. */
  readonly busLinesByDistrict: number[][] = [];
  metroLine = -1;
  private readonly frequencies = new Map<number, Frequency>();
  /** Runs of frequent lines by line · 2²⁰ + departure minute (a small integer key). */
  private readonly frequentRuns = new Map<number, number>();
  private readonly runByKey = new Map<string, number>();
  private readonly seatsDealt: number[] = [];

  constructor(private readonly clock: SimulationClock) {}

  addLine(line: Line, frequency?: Frequency): number {
    const index = this.lines.length;
    this.lines.push(line);
    if (frequency) this.frequencies.set(index, frequency);
    if (line.mode === 'bus' && line.district >= 0) {
      (this.busLinesByDistrict[line.district] ??= []).push(index);
    }
    if (line.mode === 'metro') this.metroLine = index;
    return index;
  }

  /** The run of a frequent line that a passenger boarding at `minute` takes (the last departure before). */
  runAt(line: number, minute: number): number {
    const frequency = this.frequencies.get(line);
    if (!frequency) throw new Error(`line ${this.lines[line]!.code} has no timetable`);
    const day = Math.floor(minute / MINUTES_PER_DAY);
    const ofDay = minute - day * MINUTES_PER_DAY;
    const clamped = Math.min(frequency.last, Math.max(frequency.first, ofDay));
    const departureOfDay =
      frequency.first + Math.floor((clamped - frequency.first) / frequency.headway) * frequency.headway;
    const departure = day * MINUTES_PER_DAY + departureOfDay;
    const key = line * 1_048_576 + departure;
    const existing = this.frequentRuns.get(key);
    if (existing !== undefined) return existing;
    const hhmm = this.clock.iso(departure).slice(11, 16).replace(':', '');
    const date = this.clock.dateOfDay(day).replace(/-/g, '');
    const index = this.addRun(`${line}:${departure}`, {
      id: `${this.lines[line]!.code}-${date}-${hhmm}`,
      line,
      departure,
      arrival: departure + frequency.runMinutes,
      origin: frequency.origin,
      destination: frequency.destination,
    });
    this.frequentRuns.set(key, index);
    return index;
  }

  /** A scheduled run (train, flight) identified by service number and date. */
  scheduledRun(
    line: number,
    serviceNumber: string,
    leg: { departure: number; arrival: number; origin: string; destination: string },
  ): number {
    const key = `${serviceNumber}:${leg.departure}`;
    const existing = this.runByKey.get(key);
    if (existing !== undefined) return existing;
    const date = this.clock.dateOfDay(Math.floor(leg.departure / MINUTES_PER_DAY)).replace(/-/g, '');
    return this.addRun(key, { id: `${serviceNumber}-${date}`, line, ...leg });
  }

  /**
   * The next free seat of a run. Seat k of n is (k · step + offset) mod n with step coprime to n, a
   * permutation, so passengers spread over the train and never share a seat; beyond capacity they stand.
   */
  dealSeat(run: number, carriageChoice: number): Seat {
    const line = this.lines[this.runs[run]!.line]!;
    if (line.rows === 0)
      return { carriage: line.carriages > 1 ? 1 + (carriageChoice % line.carriages) : 0, row: 0, letter: '' };
    const perCarriage = line.rows * line.seatLetters.length;
    const total = perCarriage * line.carriages;
    const k = this.seatsDealt[run]!;
    if (k >= total)
      return {
        carriage: line.mode === 'flight' ? 0 : 1 + (carriageChoice % line.carriages),
        row: 0,
        letter: '',
      };
    this.seatsDealt[run] = k + 1;
    const step = coprimeStep(total);
    const seat = (k * step + run * 13) % total;
    const carriage = Math.floor(seat / perCarriage);
    const within = seat - carriage * perCarriage;
    return {
      carriage: line.mode === 'flight' ? 0 : carriage + 1,
      row: Math.floor(within / line.seatLetters.length) + 1,
      letter: line.seatLetters[within % line.seatLetters.length]!,
    };
  }

  private addRun(key: string, run: Run): number {
    const index = this.runs.length;
    this.runs.push(run);
    this.seatsDealt.push(0);
    this.runByKey.set(key, index);
    return index;
  }
}

/** The smallest step ≥ 7 that is coprime with n (so stepping by it visits every seat once). */
function coprimeStep(n: number): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 7;
  while (gcd(step, n) !== 1) step++;
  return step;
}
