/**
 * Days of visitors and travellers while they are in town: arriving by train (scanning out at the station)
 * or by flight, business visits to offices or sightseeing, meals out, the station waiting hall before the
 * train home; nothing while confined to the quarantine hotel or monitored at home.
 */
import { DayPlanner } from './day-planner.js';
import type { PresenceBuffers } from './day-presence.js';
import { NONE as noneMarker, type EpidemicState } from './epidemic-state.js';
import { MINUTES_PER_DAY as minutesPerDay } from './local-time.js';
import type { Places } from './places.js';
import type { Population } from './population.js';
import { Random, streams } from './random.js';
import type { Appointments, ComplianceOptions } from './schedules.js';
import type { TransitNetwork } from './transit-network.js';
import type { VenueType } from './venue-types.js';
import type { NonResidentPlan, NonResidents } from './visitors.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const NONE = noneMarker;
const MINUTES_PER_DAY = minutesPerDay;

export interface VisitorScheduleContext {
  seed: number;
  population: Population;
  places: Places;
  network: TransitNetwork;
  epidemic: EpidemicState;
  compliance: ComplianceOptions;
  appointments: Appointments;
  nonResidents: NonResidents;
  zoneRates: Float32Array;
  districtOfGrid: (grid: number) => number;
}

export class VisitorSchedules {
  private readonly plan = new DayPlanner();
  private readonly random = new Random(0);

  constructor(private readonly ctx: VisitorScheduleContext) {}

  run(day: number, buffers: PresenceBuffers): void {
    const dayStart = day * MINUTES_PER_DAY;
    const dayEnd = dayStart + MINUTES_PER_DAY;
    for (const plan of this.ctx.nonResidents.plans) {
      if (plan.arrival >= dayEnd || plan.departure < dayStart) continue;
      this.planDay(plan, day, buffers);
    }
  }

  private planDay(trip: NonResidentPlan, day: number, buffers: PresenceBuffers): void {
    const { population, places, network, epidemic, appointments } = this.ctx;
    const dayStart = day * MINUTES_PER_DAY;
    const dayEnd = dayStart + MINUTES_PER_DAY;
    const p = trip.person;
    const random = this.random.reseed(this.ctx.seed, streams.schedule, p, day);
    const plan = this.plan;
    plan.reset(dayStart);
    const transit = network.transit;
    const venues = places.venues;
    // Arrival: the ride in, then the exit scan at the station (落地扫码).
    if (trip.arrival >= dayStart && trip.arrival < dayEnd && !epidemic.isQuarantined(p, trip.arrival)) {
      const seat = transit.dealSeat(trip.arrivalRun, random.int(16));
      const run = transit.runs[trip.arrivalRun]!;
      buffers.addTrip(
        p,
        trip.arrivalRun,
        seat.carriage,
        seat.row,
        seat.letter ? seat.letter.charCodeAt(0) : 0,
        run.departure,
        run.arrival,
        true,
      );
      if (trip.arrivalStation >= 0)
        plan.add(
          trip.arrivalStation,
          venues.zoneIndex(trip.arrivalStation, '出站口'),
          trip.arrival + 2,
          trip.arrival + random.between(6, 15),
        );
    }
    // Someone in quarantine or isolation does not leave on their train.
    const departing =
      trip.departureRun >= 0 &&
      trip.departure >= dayStart &&
      trip.departure < dayEnd &&
      !epidemic.isQuarantined(p, trip.departure - 60) &&
      !epidemic.isIsolated(p, trip.departure - 60);
    const free =
      dayStart >= trip.confinedUntil - 12 * 60 &&
      dayStart >= trip.homeUntil - 12 * 60 &&
      !epidemic.isIsolated(p, dayStart) &&
      !epidemic.isQuarantined(p, dayStart);
    const clinic = appointments.clinicAt[p]!;
    if (clinic !== NONE && free) {
      const district = this.ctx.districtOfGrid(population.grid[p]!);
      const at = Math.max(clinic, dayStart + 7 * 60);
      plan.add(places.feverClinicOfDistrict[district]!, -1, at, at + random.between(60, 150));
    } else if (free && !epidemic.staysHome(p, dayStart + 8 * 60)) {
      const from = Math.max(dayStart + 8 * 60, trip.arrival + 90, trip.confinedUntil, trip.homeUntil);
      const until = departing ? trip.departure - 120 : dayStart + 21 * 60 + 30;
      this.activities(trip, { from, until, dayStart }, random);
    }
    if (departing) {
      const hall = venues.zoneIndex(trip.departureStation, random.chance(0.5) ? '1号候车厅' : '2号候车厅');
      plan.add(trip.departureStation, hall, trip.departure - random.between(35, 60), trip.departure - 5);
    }
    plan.sort();
    const isolated = epidemic.isolatedAt[p]!;
    if (isolated !== NONE && isolated < dayEnd) plan.cutAt(isolated);
    plan.emitVisits(
      p,
      buffers,
      random,
      population.scanPropensity[p]!,
      this.ctx.compliance.missingCheckoutRate,
      this.ctx.zoneRates,
    );
    if (departing && (isolated === NONE || isolated > trip.departure)) {
      const seat = transit.dealSeat(trip.departureRun, random.int(16));
      const run = transit.runs[trip.departureRun]!;
      buffers.addTrip(
        p,
        trip.departureRun,
        seat.carriage,
        seat.row,
        seat.letter ? seat.letter.charCodeAt(0) : 0,
        run.departure,
        run.arrival,
        true,
      );
    }
  }

  /** Business: offices and meals; tourists: sights and malls; returning residents: errands near home. */
  private activities(
    trip: NonResidentPlan,
    window: { from: number; until: number; dayStart: number },
    random: Random,
  ): void {
    const { from, until, dayStart } = window;
    const { places, population } = this.ctx;
    const venues = places.venues;
    const district = this.ctx.districtOfGrid(population.grid[trip.person]!);
    const pick = (type: VenueType, anywhere = false) => {
      const local = venues.inDistrict(type, district);
      const pool = local.length > 0 && !anywhere ? local : venues.ofType(type);
      return pool.length > 0 ? random.pick(pool) : -1;
    };
    const zoneOf = (venue: number) =>
      venue >= 0 && venues.list[venue]!.zones.length > 0 ? random.int(venues.list[venue]!.zones.length) : -1;
    const add = (venue: number, earliest: number, duration: number) => {
      if (venue < 0 || earliest < from || earliest + duration > until) return;
      this.plan.addAfter(venue, zoneOf(venue), earliest, duration, random);
    };
    const m = (h: number, min = 0) => dayStart + h * 60 + min;
    switch (trip.kind) {
      case 'business':
      case 'foreign': {
        const office = pick('office');
        add(office, m(9, random.between(20, 50)), random.between(90, 140));
        add(pick('restaurant'), m(12, random.between(0, 20)), random.between(40, 70));
        add(office, m(14, random.between(0, 30)), random.between(120, 180));
        add(pick('restaurant'), m(18, random.between(20, 50)), random.between(60, 110));
        break;
      }
      case 'tourist': {
        const morning = random.chance(0.6) ? pick('scenic_spot', true) : pick('mall', true);
        add(morning, m(9, random.between(20, 60)), random.between(120, 170));
        add(pick('restaurant'), m(12, random.between(10, 40)), random.between(45, 80));
        add(
          random.chance(0.5) ? pick('mall', true) : pick('scenic_spot', true),
          m(14, random.between(20, 60)),
          random.between(90, 160),
        );
        add(pick('restaurant'), m(18, random.between(10, 50)), random.between(60, 110));
        break;
      }
      case 'returning': {
        if (random.chance(0.4)) add(pick('market'), m(8, random.between(0, 90)), random.between(20, 45));
        if (random.chance(0.3))
          add(pick('supermarket'), m(16, random.between(0, 90)), random.between(20, 45));
        if (random.chance(0.25))
          add(pick('restaurant'), m(18, random.between(0, 50)), random.between(50, 100));
        break;
      }
    }
  }
}
