/**
 * One simulated day's presence, in columns of typed arrays (no object per event): venue visits with
 * zone and recording flags, rides with carriage and seat, and community gate passes. Buffers grow as
 * needed and are reused from day to day.
 */

/** A growable column of 32-bit integers. */
export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  clear(): void {
    this.length = 0;
  }
  /** A compact copy holding exactly the pushed values. */
  snapshot(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** What was recorded of a visit: the scan, the check-out, the zone; `cancelled` for visits that never happened. */
export const VisitFlag = { scanned: 1, checkoutRecorded: 2, zoneRecorded: 4, cancelled: 8 } as const;

export interface VisitColumns {
  person: Int32Array;
  venue: Int32Array;
  /** Zone index within the venue, −1 for none. */
  zone: Int32Array;
  start: Int32Array;
  end: Int32Array;
  flags: Int32Array;
}

export interface TripColumns {
  person: Int32Array;
  run: Int32Array;
  /** 1-based carriage, 0 for none. */
  carriage: Int32Array;
  /** 1-based seat row, 0 for none. */
  row: Int32Array;
  /** Seat letter as a character code, 0 for none. */
  seat: Int32Array;
  board: Int32Array;
  alight: Int32Array;
  /** 1 when the ride was recorded (ticket or transit-QR payment; cash bus fares leave no record), −1 when cancelled. */
  recorded: Int32Array;
}

export interface GateColumns {
  person: Int32Array;
  gate: Int32Array;
  /** 1 for in, 0 for out, −1 for a pass cancelled because the person was taken into isolation. */
  inward: Int32Array;
  time: Int32Array;
}

/** A finished day's presence, compact and immutable. */
export interface DayPresence {
  day: number;
  visits: VisitColumns;
  trips: TripColumns;
  gates: GateColumns;
}

/** The buffers a day's schedules write into. */
export class PresenceBuffers {
  readonly visit = {
    person: new IntColumn(),
    venue: new IntColumn(),
    zone: new IntColumn(),
    start: new IntColumn(),
    end: new IntColumn(),
    flags: new IntColumn(),
  };
  readonly trip = {
    person: new IntColumn(),
    run: new IntColumn(),
    carriage: new IntColumn(),
    row: new IntColumn(),
    seat: new IntColumn(),
    board: new IntColumn(),
    alight: new IntColumn(),
    recorded: new IntColumn(),
  };
  readonly gate = {
    person: new IntColumn(),
    gate: new IntColumn(),
    inward: new IntColumn(),
    time: new IntColumn(),
  };

  /**
   * Where each person's entries of the day start in each column: a person's visits, rides and gate
   * passes are written together, so they are consecutive. `day` stamps which entries are current.
   */
  private readonly index = {
    day: -1,
    stamp: new Int32Array(0),
    visit: new Int32Array(0),
    trip: new Int32Array(0),
    gate: new Int32Array(0),
  };
  private readonly lastPerson = { visit: -1, trip: -1, gate: -1 };

  /** Starts a new day for `capacity` people. */
  startDay(day: number, capacity: number): void {
    this.clear();
    if (this.index.stamp.length < capacity) {
      this.index.stamp = new Int32Array(capacity).fill(-1);
      this.index.visit = new Int32Array(capacity);
      this.index.trip = new Int32Array(capacity);
      this.index.gate = new Int32Array(capacity);
    }
    this.index.day = day;
  }

  clear(): void {
    for (const group of [this.visit, this.trip, this.gate])
      for (const column of Object.values(group)) column.clear();
    this.lastPerson.visit = this.lastPerson.trip = this.lastPerson.gate = -1;
  }

  private note(kind: 'visit' | 'trip' | 'gate', person: number, at: number): void {
    if (this.lastPerson[kind] === person || person >= this.index.stamp.length) return;
    this.lastPerson[kind] = person;
    if (this.index.stamp[person] !== this.index.day) {
      this.index.stamp[person] = this.index.day;
      this.index.visit[person] = -1;
      this.index.trip[person] = -1;
      this.index.gate[person] = -1;
    }
    if (this.index[kind][person] === -1) this.index[kind][person] = at;
  }

  /**
   * Cuts a person's day at `minute` (taken into isolation): later visits and rides are cancelled, one in
   * progress ends then, later gate passes are dropped.
   */
  cutPersonAt(person: number, minute: number): void {
    if (person >= this.index.stamp.length || this.index.stamp[person] !== this.index.day) return;
    const own = (column: IntColumn, first: number, each: (i: number) => void) => {
      if (first < 0) return;
      for (let i = first; i < column.length && column.data[i] === person; i++) each(i);
    };
    own(this.visit.person, this.index.visit[person]!, (i) => {
      if (this.visit.start.data[i]! >= minute) {
        this.visit.end.data[i] = this.visit.start.data[i]!;
        this.visit.flags.data[i] = VisitFlag.cancelled;
      } else if (this.visit.end.data[i]! > minute) {
        this.visit.end.data[i] = minute;
      }
    });
    own(this.trip.person, this.index.trip[person]!, (i) => {
      if (this.trip.board.data[i]! >= minute) {
        this.trip.alight.data[i] = this.trip.board.data[i]!;
        this.trip.recorded.data[i] = -1;
      }
    });
    own(this.gate.person, this.index.gate[person]!, (i) => {
      if (this.gate.time.data[i]! >= minute) this.gate.inward.data[i] = -1;
    });
  }

  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  addVisit(person: number, venue: number, zone: number, start: number, end: number, flags: number): void {
    const v = this.visit;
    this.note('visit', person, v.person.length);
    v.person.push(person);
    v.venue.push(venue);
    v.zone.push(zone);
    v.start.push(start);
    v.end.push(end);
    v.flags.push(flags);
  }

  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  addTrip(
    person: number,
    run: number,
    carriage: number,
    row: number,
    seat: number,
    board: number,
    alight: number,
    recorded: boolean,
  ): void {
    const t = this.trip;
    this.note('trip', person, t.person.length);
    t.person.push(person);
    t.run.push(run);
    t.carriage.push(carriage);
    t.row.push(row);
    t.seat.push(seat);
    t.board.push(board);
    t.alight.push(alight);
    t.recorded.push(recorded ? 1 : 0);
  }

  addGatePass(person: number, gate: number, inward: boolean, time: number): void {
    const g = this.gate;
    this.note('gate', person, g.person.length);
    g.person.push(person);
    g.gate.push(gate);
    g.inward.push(inward ? 1 : 0);
    g.time.push(time);
  }

  get visitCount(): number {
    return this.visit.person.length;
  }

  snapshot(day: number): DayPresence {
    const snap = <T extends Record<string, IntColumn>>(group: T) =>
      Object.fromEntries(Object.entries(group).map(([k, c]) => [k, c.snapshot()])) as {
        [K in keyof T]: Int32Array;
      };
    return { day, visits: snap(this.visit), trips: snap(this.trip), gates: snap(this.gate) };
  }
}
