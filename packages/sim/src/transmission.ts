/**
 * Who infects whom on one day. Each susceptible person accumulates a hazard from every infectious person
 * they were with: at home (a daily hazard scaled to the household secondary attack rate), at a venue
 * (per minute of overlap in the same zone, weighted by the venue's setting and how crowded it was) and
 * aboard (same carriage, more within ±3 seat rows). Infection is drawn once per person-day,
 * P = 1 − exp(−hazard · susceptibility), and the infector is drawn in proportion to each contribution
 * (competing risks), with the time of infection inside the shared interval.
 */
import type { PresenceBuffers } from './day-presence.js';
import { NONE as noneMarker, PlaceKind as placeKinds, type EpidemicState } from './epidemic-state.js';
import { MINUTES_PER_DAY as minutesPerDay } from './local-time.js';
import type { Population } from './population.js';
import { Random, streams } from './random.js';
import type { Transit } from './transport.js';
import { venueTypeSpecs } from './venue-types.js';
import type { Venues } from './venues.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const NONE = noneMarker;
const PlaceKind = placeKinds;
const MINUTES_PER_DAY = minutesPerDay;

export interface TransmissionParameters {
  /** Community hazard per unit of weighted co-presence (calibrated to the reproduction number). */
  communityScale: number;
  /** Household hazard per unit of infectiousness mass (calibrated to the secondary attack rate). */
  householdScale: number;
  /** How much crowding raises transmission: factor 1 + crowding · occupancy (occupancy capped at 3). */
  crowding: number;
  /** Transmission aboard between seats more than 3 rows apart, relative to within 3 rows. */
  distantRowFactor: number;
  vaccineEffect: number;
}

export interface InfectionEvent {
  person: number;
  minute: number;
  infector: number;
  placeKind: number;
  place: number;
}

/** Visits (or rides) grouped by place with a counting sort: `order[offset[v] … offset[v+1])`. */
export class PlaceIndex {
  offset = new Int32Array(1);
  order = new Int32Array(0);

  build(places: Int32Array, count: number, placeCount: number): void {
    if (this.offset.length < placeCount + 1) this.offset = new Int32Array(placeCount + 1);
    else this.offset.fill(0, 0, placeCount + 1);
    if (this.order.length < count) this.order = new Int32Array(Math.max(count, this.order.length * 2));
    const offset = this.offset;
    for (let i = 0; i < count; i++) offset[places[i]! + 1]! += 1;
    for (let v = 0; v < placeCount; v++) offset[v + 1]! += offset[v]!;
    const cursor = offset.slice(0, placeCount);
    for (let i = 0; i < count; i++) this.order[cursor[places[i]!]!++] = i;
  }
}

/** Opening minutes and per-zone capacity of each venue, the denominators of occupancy. */
export function crowdingCapacities(venues: Venues): {
  openMinutes: Float64Array;
  zoneCapacity: Float64Array;
} {
  return {
    openMinutes: Float64Array.from(venues.list, (v) => {
      const spec = venueTypeSpecs[v.type];
      return Math.max(60, spec.closes - spec.opens);
    }),
    zoneCapacity: Float64Array.from(venues.list, (v) =>
      Math.max(1, v.capacity / Math.max(1, v.zones.length)),
    ),
  };
}

export class Transmission {
  private readonly hazard: Float64Array;
  private readonly candidate: Int32Array;
  private readonly candidateKind: Uint8Array;
  private readonly candidatePlace: Int32Array;
  private readonly candidateFrom: Int32Array;
  private readonly candidateTo: Int32Array;
  private readonly touched: number[] = [];
  private readonly infectious: Uint8Array;
  private readonly visitIndex = new PlaceIndex();
  private readonly tripIndex = new PlaceIndex();
  private readonly chooser = new Random(0);
  private readonly draw = new Random(0);
  private readonly venueOpenMinutes: Float64Array;
  private readonly zoneCapacity: Float64Array;

  private readonly seed: number;
  private readonly population: Population;
  private readonly epidemic: EpidemicState;
  private readonly venues: Venues;
  private readonly transit: Transit;

  constructor(
    world: {
      seed: number;
      population: Population;
      epidemic: EpidemicState;
      venues: Venues;
      transit: Transit;
    },
    readonly parameters: TransmissionParameters,
  ) {
    ({
      seed: this.seed,
      population: this.population,
      epidemic: this.epidemic,
      venues: this.venues,
      transit: this.transit,
    } = world);
    const { population, venues } = world;
    const size = population.capacity;
    this.hazard = new Float64Array(size);
    this.candidate = new Int32Array(size).fill(NONE);
    this.candidateKind = new Uint8Array(size);
    this.candidatePlace = new Int32Array(size);
    this.candidateFrom = new Int32Array(size);
    this.candidateTo = new Int32Array(size);
    this.infectious = new Uint8Array(size);
    const crowding = crowdingCapacities(venues);
    this.venueOpenMinutes = crowding.openMinutes;
    this.zoneCapacity = crowding.zoneCapacity;
  }

  /** Infections caused on `day` by the presence in `buffers` and by households; applied to the state. */
  run(day: number, buffers: PresenceBuffers): InfectionEvent[] {
    const dayStart = day * MINUTES_PER_DAY;
    const dayEnd = dayStart + MINUTES_PER_DAY;
    const infectiousList = this.markInfectious(dayStart, dayEnd);
    if (infectiousList.length === 0) return [];
    this.chooser.reseed(this.seed, streams.infector, day);
    this.households(infectiousList, dayStart, dayEnd);
    this.venueContacts(buffers);
    this.rideContacts(buffers);
    const events = this.drawInfections(day, dayStart);
    for (const p of infectiousList) this.infectious[p] = 0;
    return events;
  }

  /** Infectious persons today who are not in hospital isolation for the whole day. */
  private markInfectious(dayStart: number, dayEnd: number): number[] {
    const { epidemic } = this;
    const list: number[] = [];
    for (const p of epidemic.infected) {
      if (epidemic.infectedAt[p]! >= dayEnd || epidemic.recoveredAt[p]! <= dayStart) continue;
      if (epidemic.isIsolated(p, dayStart)) continue;
      if (epidemic.massBetween(p, dayStart, dayEnd) <= 0) continue;
      this.infectious[p] = 1;
      list.push(p);
    }
    return list;
  }

  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  private contribute(
    j: number,
    h: number,
    infector: number,
    kind: number,
    place: number,
    from: number,
    to: number,
  ): void {
    if (h <= 0) return;
    if (this.hazard[j] === 0) this.touched.push(j);
    this.hazard[j]! += h;
    // Competing risks: keep this contribution as the infector with probability h / total so far.
    if (this.chooser.next() * this.hazard[j]! < h) {
      this.candidate[j] = infector;
      this.candidateKind[j] = kind;
      this.candidatePlace[j] = place;
      this.candidateFrom[j] = from;
      this.candidateTo[j] = to;
    }
  }

  private households(infectiousList: number[], dayStart: number, dayEnd: number): void {
    const { population, epidemic } = this;
    const scale = this.parameters.householdScale;
    for (const i of infectiousList) {
      const h = population.household[i]!;
      if (h < 0) continue;
      const isolated = epidemic.isolatedAt[i]!;
      const until = isolated !== NONE && isolated < dayEnd ? isolated : dayEnd;
      const mass = epidemic.massBetween(i, dayStart, until);
      if (mass <= 0) continue;
      const first = population.householdFirst[h]!;
      const kind = population.householdKind[h] === 0 ? PlaceKind.household : PlaceKind.hotelRoom;
      for (let j = first; j < first + population.householdSize[h]!; j++) {
        if (j === i || !epidemic.isSusceptible(j) || epidemic.isIsolated(j, dayStart)) continue;
        this.contribute(j, scale * mass, i, kind, h, dayStart, until);
      }
    }
  }

  private venueContacts(buffers: PresenceBuffers): void {
    const v = buffers.visit;
    const count = v.person.length;
    const person = v.person.data;
    const venue = v.venue.data;
    const zone = v.zone.data;
    const start = v.start.data;
    const end = v.end.data;
    // Venues where someone infectious was today.
    const hot = new Set<number>();
    for (let k = 0; k < count; k++) if (this.infectious[person[k]!]) hot.add(venue[k]!);
    if (hot.size === 0) return;
    this.visitIndex.build(venue, count, this.venues.count);
    const { offset, order } = this.visitIndex;
    const { epidemic, parameters } = this;
    const occupancy = new Map<number, number>();
    for (const place of hot) {
      const from = offset[place]!;
      const to = offset[place + 1]!;
      // Crowding: person-minutes per zone over opening minutes times the zone's capacity.
      occupancy.clear();
      for (let a = from; a < to; a++) {
        const k = order[a]!;
        occupancy.set(zone[k]!, (occupancy.get(zone[k]!) ?? 0) + (end[k]! - start[k]!));
      }
      const base = parameters.communityScale * this.venues.setting[place]!;
      const capacity = this.venueOpenMinutes[place]! * this.zoneCapacity[place]!;
      for (let a = from; a < to; a++) {
        const ka = order[a]!;
        const i = person[ka]!;
        if (!this.infectious[i]) continue;
        const za = zone[ka]!;
        const sa = start[ka]!;
        const ea = end[ka]!;
        const rate = epidemic.rateAt(i, (sa + ea) >> 1) * epidemic.individualInfectiousness[i]!;
        if (rate <= 0) continue;
        const crowd = 1 + parameters.crowding * Math.min(3, (occupancy.get(za) ?? 0) / capacity);
        const factor = (base * crowd * rate) / MINUTES_PER_DAY;
        for (let b = from; b < to; b++) {
          const kb = order[b]!;
          const j = person[kb]!;
          if (j === i || zone[kb] !== za || !epidemic.isSusceptible(j)) continue;
          const overlapFrom = Math.max(sa, start[kb]!);
          const overlapTo = Math.min(ea, end[kb]!);
          if (overlapTo <= overlapFrom) continue;
          this.contribute(
            j,
            factor * (overlapTo - overlapFrom),
            i,
            PlaceKind.venue,
            place,
            overlapFrom,
            overlapTo,
          );
        }
      }
    }
  }

  private rideContacts(buffers: PresenceBuffers): void {
    const t = buffers.trip;
    const count = t.person.length;
    if (count === 0) return;
    const person = t.person.data;
    const run = t.run.data;
    const carriage = t.carriage.data;
    const row = t.row.data;
    const board = t.board.data;
    const alight = t.alight.data;
    const hot = new Set<number>();
    for (let k = 0; k < count; k++) if (this.infectious[person[k]!]) hot.add(run[k]!);
    if (hot.size === 0) return;
    this.tripIndex.build(run, count, this.transit.runs.length);
    const { offset, order } = this.tripIndex;
    const { epidemic, parameters } = this;
    for (const r of hot) {
      const setting = this.transit.lines[this.transit.runs[r]!.line]!.setting;
      for (let a = offset[r]!; a < offset[r + 1]!; a++) {
        const ka = order[a]!;
        const i = person[ka]!;
        if (!this.infectious[i]) continue;
        const rate =
          epidemic.rateAt(i, (board[ka]! + alight[ka]!) >> 1) * epidemic.individualInfectiousness[i]!;
        if (rate <= 0) continue;
        const factor = (parameters.communityScale * setting * rate) / MINUTES_PER_DAY;
        for (let b = offset[r]!; b < offset[r + 1]!; b++) {
          const kb = order[b]!;
          const j = person[kb]!;
          if (j === i || carriage[kb] !== carriage[ka] || !epidemic.isSusceptible(j)) continue;
          const overlapFrom = Math.max(board[ka]!, board[kb]!);
          const overlapTo = Math.min(alight[ka]!, alight[kb]!);
          if (overlapTo <= overlapFrom) continue;
          const seated = row[ka]! > 0 && row[kb]! > 0;
          const proximity = seated && Math.abs(row[ka]! - row[kb]!) > 3 ? parameters.distantRowFactor : 1;
          this.contribute(
            j,
            factor * proximity * (overlapTo - overlapFrom),
            i,
            PlaceKind.trip,
            r,
            overlapFrom,
            overlapTo,
          );
        }
      }
    }
  }

  private drawInfections(day: number, dayStart: number): InfectionEvent[] {
    const { epidemic, population, parameters } = this;
    const events: InfectionEvent[] = [];
    for (const j of this.touched) {
      const hazard = this.hazard[j]!;
      this.hazard[j] = 0;
      const susceptibility = population.vaccineDoses[j]! >= 2 ? 1 - parameters.vaccineEffect : 1;
      // One uniform per person-day: the same person meets the same luck with or without interventions.
      const u = this.draw.reseed(this.seed, streams.transmission, j, day).next();
      if (u >= 1 - Math.exp(-hazard * susceptibility)) continue;
      const from = this.candidateFrom[j]!;
      const to = this.candidateTo[j]!;
      let minute: number;
      if (this.candidateKind[j] === PlaceKind.household || this.candidateKind[j] === PlaceKind.hotelRoom) {
        // At home: evening or night, while both are in.
        const slots = [
          [dayStart, dayStart + 7 * 60],
          [dayStart + 19 * 60, dayStart + MINUTES_PER_DAY],
        ] as const;
        const [lo, hi] = slots[this.draw.int(2)]!;
        minute = Math.min(to - 1, Math.max(from, lo + this.draw.int(hi - lo)));
      } else {
        minute = from + this.draw.int(Math.max(1, to - from));
      }
      events.push({
        person: j,
        minute,
        infector: this.candidate[j]!,
        placeKind: this.candidateKind[j]!,
        place: this.candidatePlace[j]!,
      });
    }
    this.touched.length = 0;
    for (const e of events) epidemic.infect(e.person, e.minute, e.infector, e.placeKind, e.place);
    return events;
  }
}
