/**
 * The health system as the data sources see it: fever-clinic visits with PCR (and sometimes antigen)
 * tests, laboratory results after a realistic turnaround, case reports after a reporting delay,
 * isolation of confirmed cases, 10-in-1 pooled mass screening (a positive pool recalls its members for
 * individual tests), tests of inbound travellers, pharmacy sales and school absences — plus the everyday
 * background of fevers and coughs that are not COVID-19. Everything it records goes out as FHIR resources
 * and daily indicators.
 */
import type { CityAreas } from './city-areas.js';
import { VisitFlag as visitFlags, type PresenceBuffers } from './day-presence.js';
import { NONE as noneMarker, type EpidemicState } from './epidemic-state.js';
import { observationJson } from './fhir-json.js';
import { condition, encounter, location } from './fhir-resources.js';
import { sendImmunizations } from './immunization-records.js';
import { MassScreening } from './mass-screening.js';
import { IndicatorCounts } from './indicators.js';
import { MINUTES_PER_DAY as minutesPerDay, type SimulationClock } from './local-time.js';
import type { Places } from './places.js';
import { PersonKind as personKinds, Role as roles, type Population } from './population.js';
import { Random, streams } from './random.js';
import type { SourceRegistry } from './sources.js';
import { antigenSensitivity, antigenSpecificity, pcrSensitivity, pcrSpecificity } from './test-accuracy.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const VisitFlag = visitFlags;
const NONE = noneMarker;
const MINUTES_PER_DAY = minutesPerDay;
const PersonKind = personKinds;
const Role = roles;

export interface TestingOptions {
  massScreening: {
    /** Screen a district's (or street's) residents in rounds after its first confirmed case. */
    enabled: boolean;
    scope: 'district' | 'street';
    rounds: number;
    intervalDays: number;
    participation: number;
    poolSize: number;
  };
  /** Median hours from specimen to result: fever clinic, screening pools, individual retests. */
  clinicTurnaroundHours: number;
  screeningTurnaroundHours: number;
  /** Hours from a positive result to the case report (Condition). */
  reportDelayHours: number;
  isolateConfirmedCases: boolean;
  /** Hours from a positive result to isolation. */
  isolationDelayHours: number;
  /** Share of fever-clinic patients who also get a rapid antigen test. */
  clinicAntigenShare: number;
}

export interface BackgroundOptions {
  /** Non-COVID fever-clinic visits per 100,000 residents per day. */
  feverClinicPer100k: number;
  /** Other influenza-like-illness consultations per 100,000 per day (counted, no record). */
  iliPer100k: number;
  antipyreticPer100k: number;
  coughMedicinePer100k: number;
  /** Pupils absent for other illness, per 1,000 pupils per school day. */
  schoolAbsencePerThousand: number;
}

/**
 * Which immunisation records the registry sends: none; those of `patients` (people seen at a fever clinic
 * or testing positive, whom case investigation looks up); or `all` residents' at the start (large).
 */
export type ImmunizationRecords = 'none' | 'patients' | 'all';

type TestPurpose = 'clinic' | 'screening' | 'retest' | 'traveller';

interface PendingResult {
  issue: number;
  specimen: number;
  person: number;
  source: number;
  kind: 'pcr' | 'antigen';
  positive: boolean;
  purpose: TestPurpose;
  pool?: string;
  encounterId?: string;
}

export interface HealthSystemContext {
  seed: number;
  population: Population;
  areas: CityAreas;
  places: Places;
  epidemic: EpidemicState;
  sources: SourceRegistry;
  clock: SimulationClock;
  testing: TestingOptions;
  background: BackgroundOptions;
  immunizationRecords: ImmunizationRecords;
  /** Source index of each district's hospital, the CDC lab, the commercial labs, port and registry. */
  hospitalSource: number[];
  labSources: number[];
  portSource: number;
  immunizationSource: number;
}

const MEDICINE_ANTIPYRETIC = 1;
const MEDICINE_COUGH = 2;

export class HealthSystem {
  /** Today's appointments: fever clinic and pharmacy visit times (NONE when none). */
  readonly clinicAt: Int32Array;
  readonly pharmacyAt: Int32Array;
  private readonly medicine: Uint8Array;
  private readonly appointed: number[] = [];
  private pending: PendingResult[] = [];
  /** Case reports (Conditions) waiting for their recorded time. */
  private readonly pendingReports: {
    at: number;
    person: number;
    source: number;
    patientId: string;
    onset: number;
    encounterId: string | undefined;
    code: 'U07.1' | 'U07.2';
  }[] = [];
  /** Confirmed (positive) persons, so they are not tested again. */
  readonly confirmed: Uint8Array;
  /** Minute of the first positive result per person (NONE if none). */
  readonly firstPositiveAt: Int32Array;
  private readonly residentsByDistrict: number[][];
  private readonly residentsByStreet: number[][];
  private readonly homeDistrict: Int32Array;
  private readonly homeStreet: Int32Array;
  private readonly random = new Random(0);
  private readonly immunized: Uint8Array;
  private readonly screening: MassScreening;
  /** Fever clinics whose Location resource has been sent. */
  private readonly locationsSent = new Set<number>();
  counts: IndicatorCounts;
  /** Confirmed cases per day (for the report and tests). */
  readonly confirmations: { person: number; minute: number }[] = [];

  constructor(private readonly ctx: HealthSystemContext) {
    const size = ctx.population.capacity;
    this.clinicAt = new Int32Array(size).fill(NONE);
    this.pharmacyAt = new Int32Array(size).fill(NONE);
    this.medicine = new Uint8Array(size);
    this.confirmed = new Uint8Array(size);
    this.firstPositiveAt = new Int32Array(size).fill(NONE);
    this.immunized = new Uint8Array(size);
    this.homeDistrict = new Int32Array(size).fill(-1);
    this.homeStreet = new Int32Array(size).fill(-1);
    this.residentsByDistrict = ctx.areas.districts.map(() => []);
    this.residentsByStreet = ctx.areas.streets.map(() => []);
    this.counts = new IndicatorCounts(ctx.areas.districts.length);
    this.indexResidents();
    this.screening = new MassScreening({
      seed: ctx.seed,
      population: ctx.population,
      epidemic: ctx.epidemic,
      areas: ctx.areas,
      clock: ctx.clock,
      testing: ctx.testing,
      labSources: ctx.labSources,
      residents: {
        byDistrict: this.residentsByDistrict,
        byStreet: this.residentsByStreet,
        district: this.homeDistrict,
        street: this.homeStreet,
      },
      isConfirmed: (p) => this.confirmed[p] === 1,
      turnaround: (hours, person, minute) => this.turnaround(hours, person, minute),
    });
  }

  /** Home district and street of everyone placed in a grid (visitors: where their hotel is). */
  indexResidents(): void {
    const { population, areas } = this.ctx;
    for (let p = 0; p < population.size; p++) {
      const grid = population.grid[p]!;
      if (grid < 0 || this.homeDistrict[p] !== -1) continue;
      const street = areas.communityStreet[areas.gridCommunity[grid]!]!;
      this.homeStreet[p] = street;
      this.homeDistrict[p] = areas.streetDistrict[street]!;
      if (population.kind[p] === PersonKind.resident) {
        this.residentsByDistrict[this.homeDistrict[p]!]!.push(p);
        this.residentsByStreet[street]!.push(p);
      }
    }
  }

  districtOf(person: number): number {
    return this.homeDistrict[person]!;
  }

  /** Fixes today's fever-clinic and pharmacy visits: from illness (COVID-19) and the everyday background. */
  prepareDay(day: number): void {
    const { epidemic, background, population } = this.ctx;
    for (const p of this.appointed) {
      this.clinicAt[p] = NONE;
      this.pharmacyAt[p] = NONE;
      this.medicine[p] = 0;
    }
    this.appointed.length = 0;
    const dayStart = day * MINUTES_PER_DAY;
    const dayEnd = dayStart + MINUTES_PER_DAY;
    const random = this.random.reseed(this.ctx.seed, streams.background, day);
    for (const p of epidemic.infected) {
      const clinic = epidemic.clinicVisitAt[p]!;
      const pharmacy = epidemic.pharmacyVisitAt[p]!;
      if (clinic >= dayStart && clinic < dayEnd && !this.confirmed[p]) this.appoint(p, clinic, NONE, 0);
      if (pharmacy >= dayStart && pharmacy < dayEnd) {
        this.appoint(
          p,
          NONE,
          pharmacy,
          (random.chance(0.8) ? MEDICINE_ANTIPYRETIC : 0) | (random.chance(0.6) ? MEDICINE_COUGH : 0) ||
            MEDICINE_ANTIPYRETIC,
        );
      }
    }
    // Everyday fevers and coughs, by district, fewer at weekends at the clinic.
    const weekday = this.ctx.clock.weekday(day);
    const clinicFactor = weekday === 0 || weekday === 6 ? 0.8 : 1.05;
    this.residentsByDistrict.forEach((residents, d) => {
      if (residents.length === 0) return;
      const perCapita = residents.length / 1e5;
      const clinics = random.poisson(background.feverClinicPer100k * perCapita * clinicFactor);
      for (let i = 0; i < clinics; i++) {
        const p = random.pick(residents);
        if (population.age[p]! < 1 || this.confirmed[p]) continue;
        this.appoint(p, dayStart + random.between(8 * 60, 21 * 60), NONE, 0);
      }
      const antipyretic = random.poisson(background.antipyreticPer100k * perCapita);
      const cough = random.poisson(background.coughMedicinePer100k * perCapita);
      for (let i = 0; i < antipyretic + cough; i++) {
        const p = random.pick(residents);
        if (population.age[p]! < 16) continue;
        const kind = i < antipyretic ? MEDICINE_ANTIPYRETIC : MEDICINE_COUGH;
        this.appoint(p, NONE, dayStart + random.between(8 * 60 + 30, 21 * 60), kind);
      }
      this.counts.add('ili', d, random.poisson(background.iliPer100k * perCapita));
    });
  }

  private appoint(person: number, clinic: number, pharmacy: number, medicine: number): void {
    if (this.clinicAt[person] === NONE && this.pharmacyAt[person] === NONE) this.appointed.push(person);
    if (clinic !== NONE) this.clinicAt[person] = clinic;
    if (pharmacy !== NONE) {
      this.pharmacyAt[person] = pharmacy;
      this.medicine[person] = this.medicine[person]! | medicine;
    }
  }

  /** Schedules a test of an inbound traveller (port on arrival, quarantine hotel afterwards). */
  orderTravellerTest(person: number, minute: number, atPort: boolean): void {
    const source = atPort ? this.ctx.portSource : this.ctx.labSources[0]!;
    const positive = this.testResult(person, minute, 'pcr');
    const issue = minute + this.turnaround(this.ctx.testing.clinicTurnaroundHours, person, minute);
    this.pending.push({
      issue,
      specimen: minute,
      person,
      source,
      kind: 'pcr',
      positive,
      purpose: 'traveller',
    });
  }

  /**
   * Records what the health system sees on `day` (after the day's schedules): clinic visits and their
   * tests, pharmacy sales, school absences, screening rounds, results issued, cases reported and isolated.
   * Isolation that starts today cuts the person's remaining presence in `buffers`.
   */
  processDay(day: number, buffers: PresenceBuffers): void {
    this.recordClinicAndPharmacyVisits(day, buffers);
    this.recordSchoolAbsences(day);
    this.screening.sample(day);
    this.issueResults((day + 1) * MINUTES_PER_DAY, buffers);
  }

  /** Indicator counts of the day just processed; starts a new day's counts. */
  takeCounts(): IndicatorCounts {
    const counts = this.counts;
    this.counts = new IndicatorCounts(this.ctx.areas.districts.length);
    return counts;
  }

  private recordClinicAndPharmacyVisits(day: number, buffers: PresenceBuffers): void {
    const { places, sources, testing } = this.ctx;
    const v = buffers.visit;
    const random = this.random.reseed(this.ctx.seed, streams.health, day);
    for (let k = 0; k < v.person.length; k++) {
      if (v.flags.data[k]! & VisitFlag.cancelled) continue;
      const venue = v.venue.data[k]!;
      const type = places.venues.list[venue]!.type;
      const p = v.person.data[k]!;
      // Staff work there too: only visits made for an appointment are patients and customers.
      if (type === 'pharmacy' && this.pharmacyAt[p] === NONE) continue;
      if (type === 'fever_clinic' && this.clinicAt[p] === NONE) continue;
      if (type === 'pharmacy') {
        const district = places.venues.list[venue]!.district;
        const kinds = this.medicine[p] || MEDICINE_ANTIPYRETIC;
        if (kinds & MEDICINE_ANTIPYRETIC) this.counts.add('antipyretic_sales', district);
        if (kinds & MEDICINE_COUGH) this.counts.add('cough_medicine_sales', district);
        continue;
      }
      if (type !== 'fever_clinic') continue;
      const district = places.venues.list[venue]!.district;
      this.counts.add('fever_clinic_visits', district);
      this.counts.add('ili', district);
      const source = this.ctx.hospitalSource[district]!;
      const patientId = sources.patientFor(source, p);
      this.ensureImmunizations(p);
      if (!this.locationsSent.has(venue)) {
        this.locationsSent.add(venue);
        const place = places.venues.list[venue]!;
        sources.emit(
          source,
          location({
            id: place.id,
            name: place.name,
            organizationId: sources.sources[source]!.id,
            lon: place.lon,
            lat: place.lat,
          }),
        );
      }
      const encounterId = sources.nextResourceId(source);
      const start = v.start.data[k]!;
      const end = v.end.data[k]!;
      const clock = this.ctx.clock;
      sources.emit(
        source,
        encounter({
          id: encounterId,
          patientId,
          organizationId: sources.sources[source]!.id,
          start: clock.iso(start),
          end: clock.iso(end),
          locationId: places.venues.list[venue]!.id,
        }),
      );
      if (this.confirmed[p]) continue;
      const specimen = Math.min(end - 1, start + 20);
      if (random.chance(testing.clinicAntigenShare)) {
        const positive = this.testResult(p, specimen, 'antigen');
        this.pending.push({
          issue: specimen + 15,
          specimen,
          person: p,
          source,
          kind: 'antigen',
          positive,
          purpose: 'clinic',
          encounterId,
        });
      }
      const positive = this.testResult(p, specimen, 'pcr');
      this.pending.push({
        issue: specimen + this.turnaround(testing.clinicTurnaroundHours, p, specimen),
        specimen,
        person: p,
        source,
        kind: 'pcr',
        positive,
        purpose: 'clinic',
        encounterId,
      });
    }
  }

  private recordSchoolAbsences(day: number): void {
    const { population, places, epidemic, clock, background } = this.ctx;
    const weekday = clock.weekday(day);
    if (weekday === 0 || weekday === 6) {
      this.counts.markNotReported('school_absenteeism');
      return;
    }
    const noon = day * MINUTES_PER_DAY + 12 * 60;
    const random = this.random.reseed(this.ctx.seed, streams.background, day, 1);
    const pupilsByDistrict = new Float64Array(this.ctx.areas.districts.length);
    for (let p = 0; p < population.size; p++) {
      const role = population.role[p]!;
      if (role < Role.preschool || role > Role.highSchool) continue;
      const school = population.placeOfDay[p]!;
      if (school < 0) continue;
      const district = places.venues.list[school]!.district;
      pupilsByDistrict[district]! += 1;
      const absent =
        epidemic.isIsolated(p, noon) ||
        epidemic.isQuarantined(p, noon) ||
        epidemic.staysHome(p, noon) ||
        epidemic.isSymptomatic(p, noon) ||
        this.clinicAt[p] !== NONE;
      if (absent) this.counts.add('school_absenteeism', district);
    }
    pupilsByDistrict.forEach((pupils, d) =>
      this.counts.add(
        'school_absenteeism',
        d,
        random.poisson((pupils * background.schoolAbsencePerThousand) / 1000),
      ),
    );
  }

  /** Whether a test taken at `minute` comes back positive, from the person's true infection. */
  private testResult(person: number, minute: number, kind: 'pcr' | 'antigen'): boolean {
    const { epidemic } = this.ctx;
    const random = this.random.reseed(this.ctx.seed, streams.testing, person, minute);
    const infectedAt = epidemic.infectedAt[person]!;
    if (infectedAt !== NONE && minute >= infectedAt + MINUTES_PER_DAY) {
      const days = (minute - epidemic.onsetAt[person]!) / MINUTES_PER_DAY;
      const sensitivity =
        kind === 'pcr' ? pcrSensitivity(days) : antigenSensitivity(days, epidemic.asymptomatic[person] === 1);
      if (random.chance(sensitivity)) return true;
    }
    return random.chance(1 - (kind === 'pcr' ? pcrSpecificity : antigenSpecificity));
  }

  /** Specimen-to-result minutes: lognormal around the median (spread factor e^0.4 ≈ 1.5). */
  private turnaround(medianHours: number, person: number, minute: number): number {
    const random = this.random.reseed(this.ctx.seed, streams.testing, person, minute + 1);
    return Math.max(30, Math.round(medianHours * 60 * Math.exp(random.normal(0, 0.4))));
  }

  /** Everything issued before `until`, in time order: pool results, individual results, reports, isolation. */
  private issueResults(until: number, buffers: PresenceBuffers): void {
    const { sources, clock, testing } = this.ctx;
    // Pools: negative pools report each member negative; positive pools recall members for single tests.
    const duePools = this.screening.takeDue(until);
    const organizationOf = (source: number) => sources.sources[source]!.id;
    for (const pool of duePools) {
      const issued = clock.iso(pool.issue);
      pool.members.forEach((person, i) => {
        if (pool.positive) {
          const specimen = pool.issue + 120 + ((person * 37) % 240);
          const positive = this.testResult(person, specimen, 'pcr');
          this.pending.push({
            issue: specimen + this.turnaround(testing.clinicTurnaroundHours, person, specimen),
            specimen,
            person,
            source: pool.source,
            kind: 'pcr',
            positive,
            purpose: 'retest',
          });
          return;
        }
        // A negative pool: every member negative, reported at once (no per-person bookkeeping).
        const patientId = sources.patientFor(pool.source, person);
        sources.emitJson(
          pool.source,
          observationJson({
            id: sources.nextResourceId(pool.source),
            patientId,
            organizationId: organizationOf(pool.source),
            kind: 'pcr',
            positive: false,
            effective: clock.iso(pool.specimens[i]!),
            issued,
            pool: pool.pool,
          }),
        );
        this.counts.add('tests_performed', this.homeDistrict[person]!);
      });
    }
    const due = this.pending
      .filter((r) => r.issue < until)
      .sort((a, b) => a.issue - b.issue || a.person - b.person);
    this.pending = this.pending.filter((r) => r.issue >= until);
    for (const result of due) {
      const patientId = sources.patientFor(result.source, result.person);
      if (result.positive) this.ensureImmunizations(result.person);
      sources.emitJson(
        result.source,
        observationJson({
          id: sources.nextResourceId(result.source),
          patientId,
          organizationId: sources.sources[result.source]!.id,
          kind: result.kind,
          positive: result.positive,
          effective: clock.iso(result.specimen),
          issued: clock.iso(result.issue),
          ...(result.pool ? { pool: result.pool } : {}),
        }),
      );
      const district = this.homeDistrict[result.person]!;
      this.counts.add('tests_performed', district);
      if (result.positive) {
        this.counts.add('tests_positive', district);
        if (result.kind === 'pcr') this.confirm(result, patientId, until, buffers);
      } else if (result.purpose === 'clinic' && result.kind === 'pcr') {
        this.maybeClinicalDiagnosis(result, patientId);
      }
    }
  }

  /** A positive PCR: isolation, a case report for symptomatic infections, screening of the area. */
  private confirm(result: PendingResult, patientId: string, until: number, buffers: PresenceBuffers): void {
    const { epidemic, testing } = this.ctx;
    const p = result.person;
    if (this.confirmed[p]) return;
    this.confirmed[p] = 1;
    this.firstPositiveAt[p] = result.issue;
    this.confirmations.push({ person: p, minute: result.issue });
    if (testing.isolateConfirmedCases && epidemic.isolatedAt[p] === NONE) {
      const at = result.issue + Math.round(testing.isolationDelayHours * 60);
      epidemic.isolatedAt[p] = at;
      if (at < until) buffers.cutPersonAt(p, at);
    }
    // Case report: for an infection with symptoms, once they have started (a pre-symptomatic positive is
    // reported as a case at onset); asymptomatic positives are reported only as results (S8).
    if (epidemic.infectedAt[p] !== NONE && !epidemic.asymptomatic[p]) {
      const onset = epidemic.onsetAt[p]!;
      const recorded = Math.max(result.issue, onset) + Math.round(testing.reportDelayHours * 60);
      this.pendingReports.push({
        at: recorded,
        person: p,
        source: result.source,
        patientId,
        onset,
        encounterId: result.encounterId,
        code: 'U07.1',
      });
    }
    const district = this.homeDistrict[p]!;
    if (district >= 0 && testing.massScreening.enabled && this.ctx.population.kind[p] === PersonKind.resident)
      this.screening.triggerAfter(p, result.issue);
  }

  /** Case reports due before `until` (called at the end of each day). */
  issueReports(until: number): void {
    const { sources, clock } = this.ctx;
    const due = this.pendingReports
      .filter((r) => r.at < until)
      .sort((a, b) => a.at - b.at || a.person - b.person);
    for (const report of due) {
      this.pendingReports.splice(this.pendingReports.indexOf(report), 1);
      sources.emit(
        report.source,
        condition({
          id: sources.nextResourceId(report.source),
          patientId: report.patientId,
          code: report.code,
          onsetDate: clock.iso(report.onset).slice(0, 10),
          recorded: clock.iso(report.at),
          ...(report.encounterId ? { encounterId: report.encounterId } : {}),
        }),
      );
    }
  }

  /**
   * A symptomatic fever-clinic patient with a negative PCR whose household has a confirmed case is
   * diagnosed clinically half the time (ICD-10 U07.2, provisional).
   */
  private maybeClinicalDiagnosis(result: PendingResult, patientId: string): void {
    const { population, epidemic, testing } = this.ctx;
    const p = result.person;
    if (!epidemic.isSymptomatic(p, result.specimen)) return;
    const h = population.household[p]!;
    if (h < 0) return;
    const first = population.householdFirst[h]!;
    let exposed = false;
    for (let j = first; j < first + population.householdSize[h]!; j++)
      if (j !== p && this.confirmed[j]) exposed = true;
    if (!exposed) return;
    const random = this.random.reseed(this.ctx.seed, streams.health, p, result.issue);
    if (!random.chance(0.5)) return;
    this.pendingReports.push({
      at: result.issue + Math.round(testing.reportDelayHours * 60),
      person: p,
      source: result.source,
      patientId,
      onset: epidemic.onsetAt[p]!,
      encounterId: result.encounterId,
      code: 'U07.2',
    });
  }

  /** Immunisation records of a person, sent once by the registry (see ImmunizationRecords). */
  ensureImmunizations(person: number): void {
    if (this.ctx.immunizationRecords === 'none' || this.immunized[person]) return;
    this.immunized[person] = 1;
    sendImmunizations(this.ctx, person);
  }
}
