/**
 * Runs the synthetic city day by day. Each day: the health system fixes today's clinic and pharmacy
 * visits, everyone's schedule is drawn, the health system records what it sees (tests, results, reports,
 * isolation), the virus spreads, and the day's records come out: presence, FHIR resources by source,
 * indicators. Between days the platform may quarantine people (`isolate`), closing the loop.
 */
import { AppError } from '@shuzhi/core';
import type { Calibration } from './calibration.js';
import { calibrate, calibrationSample, measureContacts } from './calibration.js';
import { buildCity, type SyntheticCity } from './city.js';
import { PresenceBuffers, type DayPresence } from './day-presence.js';
import { EpidemicState, NONE } from './epidemic-state.js';
import { HealthSystem } from './health-system.js';
import type { IndicatorRow } from './indicators.js';
import { MINUTES_PER_DAY } from './local-time.js';
import { resolveOptions, type SimulationInput, type SimulationOptions } from './options.js';
import { Random, streams } from './random.js';
import { ResidentSchedules, zoneRecordRates, type Appointments } from './schedules.js';
import { buildTransitNetwork } from './transit-network.js';
import { Transmission } from './transmission.js';
import { VisitorSchedules } from './visitor-schedules.js';
import type { Stay, TravellerRecord } from './visitors.js';

/** Everything one simulated day produced. */
export interface DayOutput {
  day: number;
  date: string;
  presence: DayPresence;
  /** Hotel stays checked into today. */
  stays: Stay[];
  /** International arrivals today. */
  travellers: TravellerRecord[];
  /** FHIR R4 resources sent today, by source id, as NDJSON lines (one resource of JSON per line). */
  fhir: Map<string, string[]>;
  indicators: IndicatorRow[];
  /** Infections that happened today (ground truth). */
  newInfections: number;
}

export interface SimulationResult {
  options: SimulationOptions;
  city: SyntheticCity;
  calibration: Calibration;
  /** Day outputs, when retained (simulateCity retains them; streaming runs may not). */
  days: DayOutput[];
}

export class CitySimulation {
  readonly options: SimulationOptions;
  readonly city: SyntheticCity;
  readonly calibration: Calibration;
  private readonly health: HealthSystem;
  private readonly residents: ResidentSchedules;
  private readonly visitors: VisitorSchedules;
  private readonly transmission: Transmission;
  private readonly buffers = new PresenceBuffers();
  private nextDay = 0;
  private personIndex: Map<string, number> | null = null;
  private travellerTestCursor = 0;
  private readonly travellerTests: { person: number; minute: number; atPort: boolean }[];

  constructor(input: SimulationInput = {}) {
    this.options = resolveOptions(input);
    this.city = buildCity(this.options);
    const { city, options } = this;
    this.health = new HealthSystem({
      seed: options.seed,
      population: city.population,
      areas: city.areas,
      places: city.places,
      epidemic: city.epidemic,
      sources: city.sources,
      clock: city.clock,
      testing: options.testing,
      background: options.background,
      immunizationRecords: options.immunizationRecords,
      hospitalSource: city.sourceIndex.hospitals,
      labSources: city.sourceIndex.labs,
      portSource: city.sourceIndex.port,
      immunizationSource: city.sourceIndex.immunization,
    });
    if (options.immunizationRecords === 'all') {
      for (let p = 0; p < city.population.size; p++)
        if (city.population.kind[p] === 0) this.health.ensureImmunizations(p);
    }
    const appointments: Appointments = { clinicAt: this.health.clinicAt, pharmacyAt: this.health.pharmacyAt };
    this.residents = new ResidentSchedules({
      seed: options.seed,
      population: city.population,
      areas: city.areas,
      places: city.places,
      network: city.network,
      epidemic: city.epidemic,
      gates: city.gates,
      clock: city.clock,
      compliance: options.compliance,
      appointments,
    });
    this.visitors = new VisitorSchedules({
      seed: options.seed,
      population: city.population,
      places: city.places,
      network: city.network,
      epidemic: city.epidemic,
      compliance: options.compliance,
      appointments,
      nonResidents: city.nonResidents,
      zoneRates: zoneRecordRates(city.places),
      districtOfGrid: (grid) =>
        city.areas.streetDistrict[city.areas.communityStreet[city.areas.gridCommunity[grid]!]!]!,
    });
    this.calibration = this.calibrate();
    const world = {
      seed: options.seed,
      population: city.population,
      epidemic: city.epidemic,
      venues: city.places.venues,
      transit: city.network.transit,
    };
    this.transmission = new Transmission(world, {
      communityScale: this.calibration.communityScale,
      householdScale: this.calibration.householdScale,
      crowding: options.transmission.crowding,
      distantRowFactor: options.transmission.distantRowFactor,
      vaccineEffect: city.strain.vaccineEffectAgainstInfection,
    });
    this.travellerTests = [...city.nonResidents.tests].sort(
      (a, b) => a.minute - b.minute || a.person - b.person,
    );
  }

  /**
   * Measures contact mass on the first simulated weekday and weekend day with a scratch copy of the
   * transport network and no epidemic, so calibration leaves the real run untouched.
   */
  private calibrate(): Calibration {
    const { city, options } = this;
    const scratchNetwork = buildTransitNetwork(
      {
        areas: city.areas,
        clock: city.clock,
        stations: city.places.stations,
        residentsByDistrict: city.places.residentsByDistrict,
      },
      new Random(options.seed, streams.travel),
    );
    const noEpidemic = new EpidemicState({
      size: city.population.capacity,
      strain: city.strain,
      seed: options.seed,
      behaviour: options.behaviour,
      ages: city.population.age,
    });
    const nobodyAppointed: Appointments = {
      clinicAt: new Int32Array(city.population.capacity).fill(NONE),
      pharmacyAt: new Int32Array(city.population.capacity).fill(NONE),
    };
    const schedules = new ResidentSchedules({
      seed: options.seed,
      population: city.population,
      areas: city.areas,
      places: city.places,
      network: scratchNetwork,
      epidemic: noEpidemic,
      gates: city.gates,
      clock: city.clock,
      compliance: options.compliance,
      appointments: nobodyAppointed,
    });
    const sample = calibrationSample(city.population, options.calibrationSample, options.seed);
    const weekdays: number[] = [];
    const weekends: number[] = [];
    for (let day = 0; day < 14; day++) {
      const weekday = city.clock.weekday(day);
      (weekday === 0 || weekday === 6 ? weekends : weekdays).push(day);
    }
    const dayOf = (day: number) => {
      const buffers = new PresenceBuffers();
      schedules.run(day, buffers);
      return buffers;
    };
    const contacts = measureContacts(
      sample,
      { weekday: dayOf(weekdays[0]!), weekend: dayOf(weekends[0]!) },
      { weekday: dayOf(weekdays[1]!), weekend: dayOf(weekends[1]!) },
      {
        population: city.population,
        venues: city.places.venues,
        transit: scratchNetwork.transit,
        crowding: options.transmission.crowding,
        vaccineEffect: city.strain.vaccineEffectAgainstInfection,
      },
    );
    return calibrate({
      strain: city.strain,
      reproductionNumber: city.strain.reproductionNumber,
      householdSecondaryAttackRate: city.strain.householdSecondaryAttackRate,
      symptomaticStayHome: options.behaviour.symptomaticStayHome,
      population: city.population,
      profile: noEpidemic.profile,
      contacts,
    });
  }

  /** The next day to simulate (0 before the first step). */
  get day(): number {
    return this.nextDay;
  }

  get finished(): boolean {
    return this.nextDay >= this.options.days;
  }

  /** Simulates the next day and returns what it produced. */
  step(): DayOutput {
    if (this.finished)
      throw new AppError('conflict', `the simulation has already run all its ${this.options.days} days`);
    const { city } = this;
    const day = this.nextDay++;
    const dayStart = day * MINUTES_PER_DAY;
    const dayEnd = dayStart + MINUTES_PER_DAY;
    const buffers = this.buffers;
    this.health.prepareDay(day);
    buffers.startDay(day, city.population.capacity);
    this.residents.run(day, buffers);
    this.visitors.run(day, buffers);
    while (
      this.travellerTestCursor < this.travellerTests.length &&
      this.travellerTests[this.travellerTestCursor]!.minute < dayEnd
    ) {
      const test = this.travellerTests[this.travellerTestCursor++]!;
      if (!this.health.confirmed[test.person] && !city.epidemic.isIsolated(test.person, test.minute)) {
        this.health.orderTravellerTest(test.person, test.minute, test.atPort);
      }
    }
    this.health.processDay(day, buffers);
    const infections = this.transmission.run(day, buffers);
    this.health.issueReports(dayEnd);
    const counts = this.health.takeCounts();
    const date = city.clock.dateOfDay(day);
    return {
      day,
      date,
      presence: buffers.snapshot(day),
      stays: city.nonResidents.stays.filter((s) => s.checkIn >= dayStart && s.checkIn < dayEnd),
      travellers: city.nonResidents.travellers.filter((t) => t.arrival >= dayStart && t.arrival < dayEnd),
      fhir: city.sources.takeQueued(),
      indicators: counts.rows(
        date,
        city.areas.districts.map((d) => d.code),
        '4302',
      ),
      newInfections: infections.length,
    };
  }

  /** Every remaining day, one at a time. */
  *days(): Generator<DayOutput> {
    while (!this.finished) yield this.step();
  }

  /**
   * Closed loop: the platform quarantines these people (ids as in the presence files) at home from
   * `from` (ISO time, Date or epoch ms; no earlier than the next simulated day) for `days` days.
   * Returns how many of the ids were known.
   */
  isolate(personIds: readonly string[], from: string | Date | number, days = 7): number {
    const { population, epidemic, clock } = this.city;
    if (!this.personIndex) {
      this.personIndex = new Map();
      for (let p = 0; p < population.size; p++) this.personIndex.set(population.personId[p]!, p);
    }
    const requested = clock.minuteOf(typeof from === 'number' ? from : new Date(from).getTime());
    const start = Math.max(requested, this.nextDay * MINUTES_PER_DAY);
    let known = 0;
    for (const id of personIds) {
      const p = this.personIndex.get(id);
      if (p === undefined) continue;
      known++;
      const until = start + Math.round(days * MINUTES_PER_DAY);
      if (epidemic.quarantineFrom[p] === NONE || epidemic.quarantineUntil[p]! < start) {
        epidemic.quarantineFrom[p] = start;
        epidemic.quarantineUntil[p] = until;
      } else {
        epidemic.quarantineUntil[p] = Math.max(epidemic.quarantineUntil[p]!, until);
      }
    }
    return known;
  }

  /** The run so far: the city, its ground truth and (if given) the retained days. */
  result(days: DayOutput[] = []): SimulationResult {
    return { options: this.options, city: this.city, calibration: this.calibration, days };
  }
}

/** Builds and runs a whole simulation in memory, keeping every day's output. */
export function simulateCity(input: SimulationInput = {}): SimulationResult {
  const simulation = new CitySimulation(input);
  const days: DayOutput[] = [];
  for (const day of simulation.days()) days.push(day);
  return simulation.result(days);
}
