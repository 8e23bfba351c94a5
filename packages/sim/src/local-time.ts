/**
 * Simulation time: whole minutes since local midnight of the first simulated day in China Standard Time
 * (UTC+8, no daylight saving). Formatting is table-driven because the writers format tens of millions
 * of timestamps: `2026-03-01T08:15:00+08:00`.
 */

export const MINUTES_PER_DAY = 1440;
const OFFSET_MINUTES = 8 * 60;

/** The clock of one simulation: its first day and how to turn minutes into dates and ISO strings. */
export class SimulationClock {
  /** Epoch milliseconds of local midnight starting the first day. */
  readonly startEpochMs: number;
  private readonly dates: string[] = [];
  /** Every minute of a day already formatted, built on first use: formatting is a lookup. */
  private readonly dayTables: string[][] = [];
  private static readonly timeOfDay: string[] = Array.from({ length: MINUTES_PER_DAY }, (_, m) => {
    const hh = String(Math.floor(m / 60)).padStart(2, '0');
    const mm = String(m % 60).padStart(2, '0');
    return `${hh}:${mm}:00+08:00`;
  });

  /** `startDate` is a calendar date, YYYY-MM-DD, in China Standard Time. */
  constructor(readonly startDate: string) {
    const [y, mo, d] = startDate.split('-').map(Number) as [number, number, number];
    this.startEpochMs = Date.UTC(y, mo - 1, d) - OFFSET_MINUTES * 60_000;
  }

  /** The local calendar date (YYYY-MM-DD) of a day index (negative for days before the start). */
  dateOfDay(day: number): string {
    const cached = day >= 0 ? this.dates[day] : undefined;
    if (cached) return cached;
    const date = new Date(this.startEpochMs + OFFSET_MINUTES * 60_000 + day * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (day >= 0) this.dates[day] = date;
    return date;
  }

  /** ISO 8601 with the +08:00 offset, e.g. `2026-03-01T08:15:00+08:00`. */
  iso(minute: number): string {
    const day = Math.floor(minute / MINUTES_PER_DAY);
    const ofDay = minute - day * MINUTES_PER_DAY;
    if (day < 0 || day > 4000) return `${this.dateOfDay(day)}T${SimulationClock.timeOfDay[ofDay]}`;
    let table = this.dayTables[day];
    if (table === undefined) {
      const prefix = `${this.dateOfDay(day)}T`;
      table = SimulationClock.timeOfDay.map((time) => prefix + time);
      this.dayTables[day] = table;
    }
    return table[ofDay]!;
  }

  /** Epoch milliseconds of a simulation minute. */
  epochMs(minute: number): number {
    return this.startEpochMs + minute * 60_000;
  }

  /** The simulation minute of an instant (rounded down), from epoch milliseconds. */
  minuteOf(epochMs: number): number {
    return Math.floor((epochMs - this.startEpochMs) / 60_000);
  }

  /** Day of week of a day index: 0 Sunday … 6 Saturday. */
  weekday(day: number): number {
    return new Date(this.startEpochMs + OFFSET_MINUTES * 60_000 + day * 86_400_000).getUTCDay();
  }
}

export function dayOf(minute: number): number {
  return Math.floor(minute / MINUTES_PER_DAY);
}

/** Minute of the day 0–1439. */
export function minuteOfDay(minute: number): number {
  return minute - Math.floor(minute / MINUTES_PER_DAY) * MINUTES_PER_DAY;
}

/** Whole years between a birth date and a reference date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
