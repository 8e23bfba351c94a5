/**
 * Turns the configured reproduction number R and household secondary attack rate into the two hazard
 * scales of the transmission model.
 *
 * Household: an index case's members are each infected with probability 1 − exp(−H · c · s), c its
 * relative infectiousness (1, or the asymptomatic factor) and s the member's susceptibility (vaccinated or
 * not). H solves "mean of that over index and member types = SAR" (bisection).
 *
 * Community: early in the epidemic there are two kinds of infection with different prospects — a
 * community-acquired case (C) was selected in proportion to its own daily exposure m and comes home to a
 * fully susceptible household; a household-acquired case (H) was selected regardless of m and shares its
 * home with someone already infected. Their expected offspring form a two-type next-generation matrix
 * (Diekmann, Heesterbeek & Roberts, J R Soc Interface 2010;7:873–85; for households Pellis, Ferguson &
 * Fraser, Math Biosci 2011;232:19–26):
 *
 *   K_CC = Σ_contacts P(infect | w′) weighted by m     K_CH = SAR · Σ n_s s(s−1) / Σ n_s s
 *   K_HC = Σ_contacts P(infect | w′) unweighted         K_HH = SAR · (1 − SAR) · Σ n_s s(s−1)(s−2) / Σ n_s s(s−1)
 *
 * where m is a sampled person's exposure on the days they could be infected and w′ each contact's weight
 * on other days, when they transmit (two weekdays and two weekend days are simulated). P(infect | w′)
 * saturates for close repeated contacts and for superspreaders (it uses 1 − exp, over the gamma-distributed
 * individual infectiousness), which a sum of exposures would overstate. β is set by bisection so that the
 * dominant eigenvalue of K equals R.
 */
import type { PresenceBuffers } from './day-presence.js';
import { MINUTES_PER_DAY } from './local-time.js';
import type { Population } from './population.js';
import { HouseholdKind } from './population.js';
import type { InfectiousnessProfile } from './infectiousness.js';
import { Random, streams } from './random.js';
import type { StrainParameters } from './strains.js';
import { crowdingCapacities, PlaceIndex } from './transmission.js';
import type { Transit } from './transport.js';
import type { Venues } from './venues.js';

export interface Calibration {
  householdScale: number;
  communityScale: number;
  /** Expected household and community offspring of a community-acquired case. */
  householdReproduction: number;
  communityReproduction: number;
  /** Mean daily weighted co-presence of a resident (person-days of contact), a week's average. */
  meanContactMass: number;
  /** The two-type next-generation matrix [[CC, CH], [HC, HH]] at the calibrated scale. */
  nextGeneration: [[number, number], [number, number]];
  /** Share of people vaccinated with two doses or more. */
  vaccinatedShare: number;
}

/** The household hazard scale H for a target secondary attack rate. */
export function householdScaleFor(sar: number, strain: StrainParameters, vaccinatedShare: number): number {
  const a = strain.asymptomaticFraction;
  const r = strain.asymptomaticRelativeInfectiousness;
  const protection = 1 - strain.vaccineEffectAgainstInfection;
  const expected = (h: number) => {
    const attack = (c: number) =>
      vaccinatedShare * (1 - Math.exp(-h * c * protection)) + (1 - vaccinatedShare) * (1 - Math.exp(-h * c));
    return (1 - a) * attack(1) + a * attack(r);
  };
  let lo = 0;
  let hi = 50;
  if (expected(hi) < sar) return hi;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < sar) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Household contacts of a case: Σ s(s−1) / Σ s, the mean number of other members for a case drawn in
 * proportion to household size, and Σ s(s−1)(s−2) / Σ s(s−1), the others left when a member infected
 * at home looks round (households drawn in proportion to their pairs).
 */
export function householdContactMoments(population: Population): { sizeBiased: number; pairBiased: number } {
  let sumS = 0;
  let sumPairs = 0;
  let sumTriples = 0;
  for (let h = 0; h < population.householdCount; h++) {
    if (population.householdKind[h] !== HouseholdKind.home) continue;
    const s = population.householdSize[h]!;
    sumS += s;
    sumPairs += s * (s - 1);
    sumTriples += s * (s - 1) * (s - 2);
  }
  return {
    sizeBiased: sumS === 0 ? 0 : sumPairs / sumS,
    pairBiased: sumPairs === 0 ? 0 : sumTriples / sumPairs,
  };
}

/** Dominant eigenvalue of a 2 × 2 non-negative matrix. */
export function dominantEigenvalue([[a, b], [c, d]]: [[number, number], [number, number]]): number {
  const trace = a + d;
  const det = a * d - b * c;
  return (trace + Math.sqrt(Math.max(0, trace * trace - 4 * det))) / 2;
}

/** One simulated day's presence indexed for looking up who a sampled person met. */
class DayContacts {
  private readonly visits = new PlaceIndex();
  private readonly rides = new PlaceIndex();
  private readonly visitsOf = new Map<number, number[]>();
  private readonly ridesOf = new Map<number, number[]>();
  private readonly occupancy = new Map<number, Map<number, number>>();

  constructor(
    private readonly buffers: PresenceBuffers,
    sampled: ReadonlySet<number>,
    private readonly context: {
      population: Population;
      venues: Venues;
      transit: Transit;
      crowding: number;
      vaccineEffect: number;
      openMinutes: Float64Array;
      zoneCapacity: Float64Array;
    },
  ) {
    const v = buffers.visit;
    this.visits.build(v.venue.data, v.person.length, context.venues.count);
    for (let k = 0; k < v.person.length; k++)
      if (sampled.has(v.person.data[k]!)) push(this.visitsOf, v.person.data[k]!, k);
    const t = buffers.trip;
    this.rides.build(t.run.data, t.person.length, context.transit.runs.length);
    for (let k = 0; k < t.person.length; k++)
      if (sampled.has(t.person.data[k]!)) push(this.ridesOf, t.person.data[k]!, k);
  }

  private occupancyOf(place: number, zone: number): number {
    let zones = this.occupancy.get(place);
    if (!zones) {
      zones = new Map();
      const v = this.buffers.visit;
      for (let a = this.visits.offset[place]!; a < this.visits.offset[place + 1]!; a++) {
        const k = this.visits.order[a]!;
        zones.set(v.zone.data[k]!, (zones.get(v.zone.data[k]!) ?? 0) + v.end.data[k]! - v.start.data[k]!);
      }
      this.occupancy.set(place, zones);
    }
    return (zones.get(zone) ?? 0) / (this.context.openMinutes[place]! * this.context.zoneCapacity[place]!);
  }

  /**
   * Adds `scale` × setting × crowding × overlap (days) × susceptibility for each person `person` met in a
   * venue zone or a carriage into `into[j]`, listing newly touched j in `touched`; returns the total.
   */
  accumulate(person: number, scale: number, into: Float64Array, touched: number[]): number {
    const { population, venues, transit, crowding, vaccineEffect } = this.context;
    const v = this.buffers.visit;
    let total = 0;
    for (const k of this.visitsOf.get(person) ?? []) {
      const place = v.venue.data[k]!;
      const zone = v.zone.data[k]!;
      const weight =
        (scale * venues.setting[place]! * (1 + crowding * Math.min(3, this.occupancyOf(place, zone)))) /
        MINUTES_PER_DAY;
      for (let a = this.visits.offset[place]!; a < this.visits.offset[place + 1]!; a++) {
        const other = this.visits.order[a]!;
        const j = v.person.data[other]!;
        if (j === person || v.zone.data[other] !== zone) continue;
        const overlap =
          Math.min(v.end.data[k]!, v.end.data[other]!) - Math.max(v.start.data[k]!, v.start.data[other]!);
        if (overlap <= 0) continue;
        const w = weight * overlap * (population.vaccineDoses[j]! >= 2 ? 1 - vaccineEffect : 1);
        if (into[j] === 0) touched.push(j);
        into[j]! += w;
        total += w;
      }
    }
    const t = this.buffers.trip;
    for (const k of this.ridesOf.get(person) ?? []) {
      const run = t.run.data[k]!;
      const weight = (scale * transit.lines[transit.runs[run]!.line]!.setting) / MINUTES_PER_DAY;
      for (let a = this.rides.offset[run]!; a < this.rides.offset[run + 1]!; a++) {
        const other = this.rides.order[a]!;
        const j = t.person.data[other]!;
        if (j === person || t.carriage.data[other] !== t.carriage.data[k]) continue;
        const overlap =
          Math.min(t.alight.data[k]!, t.alight.data[other]!) -
          Math.max(t.board.data[k]!, t.board.data[other]!);
        if (overlap <= 0) continue;
        const w = weight * overlap * (population.vaccineDoses[j]! >= 2 ? 1 - vaccineEffect : 1);
        if (into[j] === 0) touched.push(j);
        into[j]! += w;
        total += w;
      }
    }
    return total;
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Log-spaced bins of per-contact weights: 10⁻⁸ … 10² person-days, 20 bins a decade. */
const BINS_PER_DECADE = 20;
const LOWEST_DECADE = -8;
export const BIN_COUNT = 10 * BINS_PER_DECADE;

function binOf(w: number): number {
  const b = Math.floor((Math.log10(w) - LOWEST_DECADE) * BINS_PER_DECADE);
  return Math.min(BIN_COUNT - 1, Math.max(0, b));
}

/** Sampled people's exposure and contacts, measured on simulated days. */
export interface ContactMeasurement {
  /** Exposure m of each sampled person on the days they could be infected (week-weighted). */
  exposures: Float64Array;
  /** Each sampled person's contacts on transmission days, counted by weight bin (n × BIN_COUNT). */
  contactBins: Float64Array;
  /** Sum and count of weights per bin, for the bins' mean weight. */
  binWeight: Float64Array;
  binCount: Float64Array;
}

/**
 * Measures, for each sampled person, their exposure m on an infection weekday and weekend day (weighted
 * 5:2) and the per-contact weight w′ on two other days (5:2) — how much time, in which settings and
 * crowds, they share with each person they meet.
 */
export function measureContacts(
  sample: readonly number[],
  infectionDays: { weekday: PresenceBuffers; weekend: PresenceBuffers },
  transmissionDays: { weekday: PresenceBuffers; weekend: PresenceBuffers },
  context: {
    population: Population;
    venues: Venues;
    transit: Transit;
    crowding: number;
    vaccineEffect: number;
  },
): ContactMeasurement {
  const sampled = new Set(sample);
  const full = { ...context, ...crowdingCapacities(context.venues) };
  const days = [
    infectionDays.weekday,
    infectionDays.weekend,
    transmissionDays.weekday,
    transmissionDays.weekend,
  ].map((b) => new DayContacts(b, sampled, full));
  const into = new Float64Array(context.population.capacity);
  const touched: number[] = [];
  const n = sample.length;
  const exposures = new Float64Array(n);
  const contactBins = new Float64Array(n * BIN_COUNT);
  const binWeight = new Float64Array(BIN_COUNT);
  const binCount = new Float64Array(BIN_COUNT);
  sample.forEach((person, i) => {
    exposures[i] =
      days[0]!.accumulate(person, 5 / 7, into, touched) + days[1]!.accumulate(person, 2 / 7, into, touched);
    for (const j of touched) into[j] = 0;
    touched.length = 0;
    days[2]!.accumulate(person, 5 / 7, into, touched);
    days[3]!.accumulate(person, 2 / 7, into, touched);
    for (const j of touched) {
      const w = into[j]!;
      into[j] = 0;
      const b = binOf(w);
      contactBins[i * BIN_COUNT + b]! += 1;
      binWeight[b]! += w;
      binCount[b]! += 1;
    }
    touched.length = 0;
  });
  return { exposures, contactBins, binWeight, binCount };
}

/** Share of a symptomatic infection's infectiousness after symptom onset (typical window). */
export function postOnsetShare(profile: InfectiousnessProfile, strain: StrainParameters): number {
  const tauMin = -strain.infectiousness.shift;
  const tauMax = 30;
  const norm = profile.windowMass(tauMin, tauMax);
  return profile.mass(0, tauMax, tauMin, tauMax, norm);
}

export interface CalibrationInput {
  strain: StrainParameters;
  reproductionNumber: number;
  householdSecondaryAttackRate: number;
  symptomaticStayHome: number;
  population: Population;
  profile: InfectiousnessProfile;
  contacts: ContactMeasurement;
}

export function calibrate(input: CalibrationInput): Calibration {
  const { strain, population, contacts } = input;
  let vaccinated = 0;
  for (let p = 0; p < population.size; p++) if (population.vaccineDoses[p]! >= 2) vaccinated++;
  const vaccinatedShare = population.size > 0 ? vaccinated / population.size : 0;
  const sar = input.householdSecondaryAttackRate;
  const householdScale = householdScaleFor(sar, strain, vaccinatedShare);
  const moments = householdContactMoments(population);
  // A community case's contacts weighted by its exposure m (it was infected in proportion to m), a
  // household case's contacts weighted equally.
  const n = contacts.exposures.length;
  const totalExposure = contacts.exposures.reduce((x, y) => x + y, 0);
  const caseC = new Float64Array(BIN_COUNT);
  const caseH = new Float64Array(BIN_COUNT);
  for (let i = 0; i < n; i++) {
    const weightC = totalExposure > 0 ? contacts.exposures[i]! / totalExposure : 0;
    for (let b = 0; b < BIN_COUNT; b++) {
      const count = contacts.contactBins[i * BIN_COUNT + b]!;
      if (count === 0) continue;
      caseC[b]! += weightC * count;
      caseH[b]! += count / n;
    }
  }
  const binWeight = contacts.binWeight;
  const binCount = contacts.binCount;
  let sumMPrime = 0;
  for (let b = 0; b < BIN_COUNT; b++) sumMPrime += binWeight[b]!;
  const sumM = totalExposure;
  const binMean = Float64Array.from(binWeight, (w, b) => (binCount[b]! > 0 ? w / binCount[b]! : 0));
  // Expected infections of one contact with weight w at scale x: over infector types (symptomatic, with the
  // stay-home discount; asymptomatic) and over individual infectiousness ν ~ Gamma(k, 1/k):
  // E[1 − exp(−x·w·c·ν)] = 1 − (1 + x·w·c/k)^(−k), or 1 − exp(−x·w·c) without overdispersion.
  const a = strain.asymptomaticFraction;
  const cSymptomatic = 1 - input.symptomaticStayHome * postOnsetShare(input.profile, strain);
  const cAsymptomatic = strain.asymptomaticRelativeInfectiousness;
  const k = strain.dispersion;
  const escape = (y: number) => (Number.isFinite(k) ? Math.pow(1 + y / k, -k) : Math.exp(-y));
  const infectionProbability = (h: number) =>
    (1 - a) * (1 - escape(h * cSymptomatic)) + a * (1 - escape(h * cAsymptomatic));
  const expectedOffspring = (weights: Float64Array, x: number) => {
    let sum = 0;
    for (let b = 0; b < BIN_COUNT; b++)
      if (weights[b]! > 0) sum += weights[b]! * infectionProbability(x * binMean[b]!);
    return sum;
  };
  const kCH = sar * moments.sizeBiased;
  const kHH = sar * (1 - sar) * moments.pairBiased;
  const matrix = (x: number): [[number, number], [number, number]] => [
    [expectedOffspring(caseC, x), kCH],
    [expectedOffspring(caseH, x), kHH],
  ];
  let lo = 0;
  let hi = 1;
  while (dominantEigenvalue(matrix(hi)) < input.reproductionNumber && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (dominantEigenvalue(matrix(mid)) < input.reproductionNumber) lo = mid;
    else hi = mid;
  }
  const reachable = dominantEigenvalue(matrix(hi)) >= input.reproductionNumber;
  const communityScale =
    dominantEigenvalue(matrix(0)) >= input.reproductionNumber || !reachable
      ? reachable
        ? 0
        : hi
      : (lo + hi) / 2;
  const nextGeneration = matrix(communityScale);
  return {
    householdScale,
    communityScale,
    householdReproduction: kCH,
    communityReproduction: nextGeneration[0][0],
    meanContactMass: n > 0 ? (sumM + sumMPrime) / (2 * n) : 0,
    nextGeneration,
    vaccinatedShare,
  };
}

/** A reproducible sample of up to `size` residents for measuring contact mass. */
export function calibrationSample(population: Population, size: number, seed: number): number[] {
  const random = new Random(seed, streams.calibration);
  const residents: number[] = [];
  for (let p = 0; p < population.size; p++) if (population.kind[p] === 0) residents.push(p);
  if (residents.length <= size) return residents;
  return random.shuffle(residents).slice(0, size);
}
