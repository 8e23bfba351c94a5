/**
 * Residents' days: who goes where, when and how. Workers commute and work (some lunch out), pupils go to
 * their class, the old go to the morning market and the chess room, families go out at weekends, the sick
 * stay home or visit the fever clinic and the pharmacy. Each person-day draws from its own random stream,
 * so schedules are the same whether or not the epidemic or the platform changes anyone else's day.
 * Output: venue visits, rides and gate passes in the day's presence buffers.
 */
import type { CityAreas } from './city-areas.js';
import type { CommunityGates } from './community-gates.js';
import type { PresenceBuffers } from './day-presence.js';
import { DayPlanner } from './day-planner.js';
import { NONE as noneMarker, type EpidemicState } from './epidemic-state.js';
import { MINUTES_PER_DAY as minutesPerDay, type SimulationClock } from './local-time.js';
import type { Places } from './places.js';
import * as populationCodes from './population.js';
import type { Population } from './population.js';
import { Random, streams } from './random.js';
import type { TransitNetwork } from './transit-network.js';
import { venueTypeSpecs, type VenueType } from './venue-types.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const NONE = noneMarker;
const MINUTES_PER_DAY = minutesPerDay;
const Commute = populationCodes.Commute;
const HouseholdKind = populationCodes.HouseholdKind;
const PersonKind = populationCodes.PersonKind;
const Role = populationCodes.Role;
const UsualSlot = populationCodes.UsualSlot;

export interface ComplianceOptions {
  /** Probability that someone who scans at all scans a given visit. */
  scanRate: number;
  /** Share of people who never scan. */
  neverScanShare: number;
  /** Share of recorded visits whose check-out is missing. */
  missingCheckoutRate: number;
}

/** How often a scan at a zoned venue also records the zone (shop-level codes, tickets, class rosters). */
const zoneRecordRate: Partial<Record<VenueType, number>> = {
  mall: 0.8,
  cinema: 0.95,
  station: 0.6,
  market: 0.3,
  hospital: 0.7,
  office: 0.5,
  factory: 0.5,
  kindergarten: 1,
  primary_school: 1,
  middle_school: 1,
  high_school: 1,
  university: 0.6,
};

/** Start and length of the school day by type, in minutes of the day. */
const schoolHours: Partial<Record<VenueType, [number, number]>> = {
  kindergarten: [8 * 60, 16 * 60 + 30],
  primary_school: [7 * 60 + 40, 16 * 60 + 30],
  middle_school: [7 * 60 + 20, 17 * 60 + 30],
  high_school: [7 * 60, 18 * 60],
  university: [8 * 60, 17 * 60],
};

/** Today's fever-clinic and pharmacy visit times per person (NONE when none), from the health system. */
export interface Appointments {
  clinicAt: Int32Array;
  pharmacyAt: Int32Array;
}

/** How often a scan at each venue records the zone, by venue. */
export function zoneRecordRates(places: Places): Float32Array {
  return Float32Array.from(places.venues.list, (v) => zoneRecordRate[v.type] ?? 0.5);
}

export interface ScheduleContext {
  seed: number;
  population: Population;
  areas: CityAreas;
  places: Places;
  network: TransitNetwork;
  epidemic: EpidemicState;
  gates: CommunityGates;
  clock: SimulationClock;
  compliance: ComplianceOptions;
  appointments: Appointments;
}

export class ResidentSchedules {
  private readonly random = new Random(0);
  private readonly outingRandom = new Random(0);
  private readonly plan = new DayPlanner();
  private readonly zoneRates: Float32Array;
  private readonly homeDistrict: Int32Array;
  private readonly homeCommunity: Int32Array;

  constructor(private readonly ctx: ScheduleContext) {
    this.zoneRates = zoneRecordRates(ctx.places);
    const { population, areas } = ctx;
    this.homeCommunity = new Int32Array(population.capacity).fill(-1);
    this.homeDistrict = new Int32Array(population.capacity).fill(-1);
    for (let p = 0; p < population.size; p++) {
      const grid = population.grid[p]!;
      if (grid < 0) continue;
      const community = areas.gridCommunity[grid]!;
      this.homeCommunity[p] = community;
      this.homeDistrict[p] = areas.streetDistrict[areas.communityStreet[community]!]!;
    }
  }

  /** Schedules every resident's day into `buffers`. */
  run(day: number, buffers: PresenceBuffers): void {
    const { population, clock } = this.ctx;
    const weekday = clock.weekday(day);
    const weekend = weekday === 0 || weekday === 6;
    for (let h = 0; h < population.householdCount; h++) {
      if (population.householdKind[h] !== HouseholdKind.home) continue;
      const first = population.householdFirst[h]!;
      const size = population.householdSize[h]!;
      const outing = weekend ? this.householdOuting(h, first, day) : null;
      for (let p = first; p < first + size; p++) {
        if (population.kind[p] !== PersonKind.resident) continue;
        this.planPerson(p, day, weekday, weekend, outing, buffers);
      }
    }
  }

  /** A weekend family outing: a quarter of households go together to a mall, restaurant or park. */
  private householdOuting(
    h: number,
    head: number,
    day: number,
  ): { venue: number; zone: number; start: number; end: number } | null {
    const random = this.outingRandom.reseed(this.ctx.seed, streams.schedule, 0x7f000000 + h, day);
    if (!random.chance(0.25)) return null;
    const { venues } = this.ctx.places;
    const r = random.next();
    const dayStart = day * MINUTES_PER_DAY;
    if (r < 0.45) {
      const venue = this.ctx.population.usualPlace(head, UsualSlot.restaurant + random.int(3));
      if (venue < 0) return null;
      const lunch = random.chance(0.5);
      const start =
        dayStart +
        (lunch ? random.between(11 * 60 + 20, 12 * 60 + 10) : random.between(17 * 60 + 40, 18 * 60 + 40));
      return { venue, zone: -1, start, end: start + random.between(50, 110) };
    }
    const type: VenueType = r < 0.85 ? 'mall' : 'scenic_spot';
    const candidates = venues.ofType(type);
    if (candidates.length === 0) return null;
    const venue = random.pick(candidates);
    const zones = venues.list[venue]!.zones.length;
    const start = dayStart + random.between(13 * 60 + 30, 15 * 60 + 30);
    return { venue, zone: zones > 0 ? random.int(zones) : -1, start, end: start + random.between(90, 200) };
  }

  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  private planPerson(
    p: number,
    day: number,
    weekday: number,
    weekend: boolean,
    outing: { venue: number; zone: number; start: number; end: number } | null,
    buffers: PresenceBuffers,
  ): void {
    const { epidemic, population, places, appointments } = this.ctx;
    const dayStart = day * MINUTES_PER_DAY;
    if (epidemic.isIsolated(p, dayStart) || epidemic.isQuarantined(p, dayStart)) return;
    const random = this.random.reseed(this.ctx.seed, streams.schedule, p, day);
    const plan = this.plan;
    plan.reset(dayStart);
    const clinic = appointments.clinicAt[p]!;
    const pharmacy = appointments.pharmacyAt[p]!;
    const district = this.homeDistrict[p]!;

    if (clinic !== NONE || epidemic.staysHome(p, dayStart + 8 * 60)) {
      // Ill: only the visits the illness calls for.
      if (clinic !== NONE) {
        const at = Math.max(clinic, dayStart + 7 * 60);
        plan.add(places.feverClinicOfDistrict[district]!, -1, at, at + random.between(60, 150));
      }
    } else {
      const role = population.role[p]!;
      const work = population.placeOfDay[p]!;
      if (role === Role.worker && work >= 0 && this.worksToday(p, work, weekday)) {
        this.workDay(p, work, dayStart, random);
      } else if (role >= Role.preschool && role <= Role.university && work >= 0 && !weekend) {
        this.schoolDay(p, work, dayStart, random);
      } else if (role !== Role.infant) {
        if (outing && random.chance(0.85)) plan.add(outing.venue, outing.zone, outing.start, outing.end);
        this.freeDay(p, dayStart, weekend, outing !== null, random);
      } else if (outing) {
        plan.add(outing.venue, outing.zone, outing.start, outing.end);
      }
    }
    if (pharmacy !== NONE)
      plan.addAfter(
        population.usualPlace(p, UsualSlot.pharmacy),
        -1,
        Math.max(pharmacy, dayStart + 8 * 60 + 30),
        random.between(5, 15),
        random,
      );
    plan.sort();
    const stop = this.isolationStart(p, dayStart);
    if (stop !== NONE) plan.cutAt(stop);
    this.emit(p, buffers, random);
  }

  private worksToday(p: number, work: number, weekday: number): boolean {
    const type = this.ctx.places.venues.list[work]!.type;
    if (type === 'office' || type.endsWith('school') || type === 'kindergarten' || type === 'university')
      return weekday >= 1 && weekday <= 5;
    if (type === 'factory') return weekday >= 1 && weekday <= 5 ? true : weekday === 6 && p % 5 === 0;
    // Shops, restaurants, hospitals and stations are open every day; staff take one day off a week.
    return weekday !== p % 7;
  }

  private workDay(p: number, work: number, dayStart: number, random: Random): void {
    const { venues } = this.ctx.places;
    const record = venues.list[work]!;
    const spec = venueTypeSpecs[record.type];
    const zone = this.ctx.population.zoneOfDay[p]!;
    const service =
      !['office', 'factory'].includes(record.type) &&
      !record.type.endsWith('school') &&
      record.type !== 'kindergarten' &&
      record.type !== 'university';
    let start: number;
    let end: number;
    if (service && spec.closes - spec.opens < 23 * 60) {
      // Shift work inside opening hours: an early or a late shift of 8–9 hours.
      const early = random.chance(0.5);
      start = early ? spec.opens - random.between(0, 30) : Math.max(spec.opens, spec.closes - 9 * 60);
      end = Math.min(spec.closes + 20, start + random.between(8 * 60, 9 * 60));
    } else {
      const [schoolStart] = schoolHours[record.type] ?? [0, 0];
      start =
        schoolStart > 0 ? schoolStart - random.between(10, 30) : Math.round(random.normal(8 * 60 + 20, 20));
      end = Math.round(random.normal(17 * 60 + 40, 30));
    }
    // Night shifts aside, a working day stays inside the calendar day.
    start = dayStart + Math.max(5 * 60, start);
    end = dayStart + Math.min(23 * 60 + 50, end);
    // Office workers lunch out three days in ten, near the office.
    if (record.type === 'office' && random.chance(0.3)) {
      const restaurants = venues.inStreet('restaurant', record.street);
      const pool = restaurants.length > 0 ? restaurants : venues.inDistrict('restaurant', record.district);
      if (pool.length > 0) {
        const lunch = dayStart + random.between(11 * 60 + 50, 12 * 60 + 15);
        const back = lunch + random.between(30, 55);
        this.plan.add(work, zone, start, lunch - 5, true);
        this.plan.add(random.pick(pool), -1, lunch, back);
        this.plan.add(work, zone, back + 5, end);
        this.eveningActivity(p, end, random, 0.3);
        return;
      }
    }
    this.plan.add(work, zone, start, end, true);
    this.eveningActivity(p, end, random, 0.3);
  }

  private schoolDay(p: number, school: number, dayStart: number, random: Random): void {
    const type = this.ctx.places.venues.list[school]!.type;
    const [from, to] = schoolHours[type] ?? [8 * 60, 16 * 60 + 30];
    this.plan.add(
      school,
      this.ctx.population.zoneOfDay[p]!,
      dayStart + from - random.between(0, 20),
      dayStart + to + random.between(0, 15),
      true,
    );
    if (this.ctx.population.age[p]! >= 12 && random.chance(0.08)) {
      this.eveningActivity(p, dayStart + to, random, 1);
    }
  }

  /** After work or school: dinner out, shopping, the gym, the market or the chess room. */
  private eveningActivity(p: number, after: number, random: Random, probability: number): void {
    if (!random.chance(probability)) return;
    const { population } = this.ctx;
    const r = random.next();
    const gym = population.usualPlace(p, UsualSlot.gym);
    const chess = population.usualPlace(p, UsualSlot.chessRoom);
    if (gym >= 0 && r < 0.25) this.plan.addAfter(gym, -1, after + 30, random.between(60, 100), random);
    else if (chess >= 0 && r < 0.35)
      this.plan.addAfter(chess, -1, after + 60, random.between(90, 180), random);
    else if (r < 0.65)
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.restaurant + random.int(3)),
        -1,
        after + 20,
        random.between(45, 100),
        random,
      );
    else if (r < 0.9)
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.supermarket),
        -1,
        after + 15,
        random.between(20, 45),
        random,
      );
    else
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.market),
        this.randomZone(population.usualPlace(p, UsualSlot.market), random),
        after + 15,
        random.between(15, 35),
        random,
      );
  }

  /** A day off: the market in the morning (most of the old), lunch, chess, shopping, a film, dinner. */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  private freeDay(p: number, dayStart: number, weekend: boolean, hadOuting: boolean, random: Random): void {
    const { population, places } = this.ctx;
    const age = population.age[p]!;
    const old = age >= 60;
    const child = age < 12;
    const market = population.usualPlace(p, UsualSlot.market);
    if (!child && random.chance(old ? 0.5 : weekend ? 0.2 : 0.12)) {
      this.plan.addAfter(
        market,
        this.randomZone(market, random),
        dayStart + (old ? random.between(6 * 60 + 30, 8 * 60 + 30) : random.between(8 * 60, 10 * 60 + 30)),
        random.between(20, 50),
        random,
      );
    }
    if (hadOuting) return;
    if (!child && random.chance(weekend ? 0.3 : 0.18)) {
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.restaurant + random.int(3)),
        -1,
        dayStart + random.between(11 * 60 + 20, 12 * 60 + 20),
        random.between(40, 80),
        random,
      );
    }
    const chess = population.usualPlace(p, UsualSlot.chessRoom);
    if (chess >= 0 && random.chance(0.45))
      this.plan.addAfter(
        chess,
        -1,
        dayStart + random.between(13 * 60 + 30, 15 * 60),
        random.between(120, 240),
        random,
      );
    const r = random.next();
    if (r < 0.2) {
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.supermarket),
        -1,
        dayStart + random.between(15 * 60, 17 * 60 + 30),
        random.between(20, 45),
        random,
      );
    } else if (!old && r < (weekend ? 0.32 : 0.25)) {
      const malls = places.venues.ofType('mall');
      if (malls.length > 0) {
        const mall = random.pick(malls);
        this.plan.addAfter(
          mall,
          this.randomZone(mall, random),
          dayStart + random.between(14 * 60, 16 * 60),
          random.between(60, 180),
          random,
        );
      }
    } else if (!old && !child && r < (weekend ? 0.38 : 0.27)) {
      const cinemas = places.venues.ofType('cinema');
      if (cinemas.length > 0) {
        const cinema = random.pick(cinemas);
        this.plan.addAfter(
          cinema,
          this.randomZone(cinema, random),
          dayStart + random.between(18 * 60 + 30, 20 * 60),
          random.between(110, 150),
          random,
        );
      }
    }
    const gym = population.usualPlace(p, UsualSlot.gym);
    if (gym >= 0 && random.chance(0.3))
      this.plan.addAfter(
        gym,
        -1,
        dayStart + random.between(17 * 60, 19 * 60),
        random.between(60, 100),
        random,
      );
    if (!child && random.chance(weekend ? 0.25 : 0.12)) {
      this.plan.addAfter(
        population.usualPlace(p, UsualSlot.restaurant + random.int(3)),
        -1,
        dayStart + random.between(17 * 60 + 45, 19 * 60),
        random.between(45, 100),
        random,
      );
    }
  }

  private randomZone(venue: number, random: Random): number {
    if (venue < 0) return -1;
    const zones = this.ctx.places.venues.list[venue]!.zones.length;
    return zones > 0 ? random.int(zones) : -1;
  }

  /** When the person is taken into isolation or quarantine during the day (NONE if not). */
  private isolationStart(p: number, dayStart: number): number {
    const { epidemic } = this.ctx;
    let stop = NONE;
    for (const at of [epidemic.isolatedAt[p]!, epidemic.quarantineFrom[p]!]) {
      if (at !== NONE && at < dayStart + MINUTES_PER_DAY && (stop === NONE || at < stop)) stop = at;
    }
    return stop;
  }

  /** Writes the day's stays as visits, commutes as rides, and home departures and returns as gate passes. */
  private emit(p: number, buffers: PresenceBuffers, random: Random): void {
    const plan = this.plan;
    if (plan.count === 0) return;
    const { population, network, compliance, gates } = this.ctx;
    plan.emitVisits(
      p,
      buffers,
      random,
      population.scanPropensity[p]!,
      compliance.missingCheckoutRate,
      this.zoneRates,
    );
    const community = this.homeCommunity[p]!;
    const gate = community >= 0 ? gates.gateFor(community, p) : -1;
    const commute = population.commute[p]!;
    const line = population.commuteLine[p]!;
    for (let i = 0; i < plan.count; i++) {
      const start = plan.start[i]!;
      const end = plan.end[i]!;
      // Home in between when two stays are an hour apart or more.
      const leavesHome = i === 0 || start - plan.end[i - 1]! >= 60;
      const goesHome = i === plan.count - 1 || plan.start[i + 1]! - end >= 60;
      const commuting =
        plan.commuted[i] === 1 && line >= 0 && (commute === Commute.bus || commute === Commute.metro);
      const ride = commuting ? random.between(15, 35) : 0;
      if (commuting) {
        const carriage = random.int(8);
        const toWork = network.transit.runAt(line, start - ride - 5);
        const seatOut = network.transit.dealSeat(toWork, carriage);
        buffers.addTrip(p, toWork, seatOut.carriage, 0, 0, start - ride - 5, start - 5, random.chance(0.85));
        if (goesHome) {
          const back = network.transit.runAt(line, end + 5);
          const seatBack = network.transit.dealSeat(back, carriage + 1);
          buffers.addTrip(p, back, seatBack.carriage, 0, 0, end + 5, end + 5 + ride, random.chance(0.85));
        }
      }
      if (gate >= 0 && leavesHome) buffers.addGatePass(p, gate, false, start - ride - random.between(8, 25));
      if (gate >= 0 && goesHome) buffers.addGatePass(p, gate, true, end + ride + random.between(8, 25));
    }
  }
}
