/**
 * Everyone's infection history — the ground truth: when and where each person was infected and by whom,
 * their symptom onset (or, for asymptomatic infections, the virtual onset their infectiousness is timed
 * from), recovery, and the behaviour their illness triggers (staying home, a fever-clinic visit, buying
 * medicine). Natural history is drawn from a stream keyed by the person, so it does not depend on the
 * order in which infections happen.
 */
import { sample } from './distributions.js';
import { InfectiousnessProfile } from './infectiousness.js';
import { MINUTES_PER_DAY as minutesPerDay } from './local-time.js';
import { Random, streams } from './random.js';
import type { StrainParameters } from './strains.js';

// Hot loops read these constantly; a module-level copy is a plain variable, whereas reading an imported
// binding costs a getter call under the tsx module loader (a few per cent of a run).
const MINUTES_PER_DAY = minutesPerDay;

/** Where an infection happened. */
export const PlaceKind = { imported: 0, household: 1, venue: 2, trip: 3, hotelRoom: 4, seeded: 5 } as const;
export const placeKindNames = ['import', 'household', 'venue', 'trip', 'hotel_room', 'seed'] as const;

export const NONE = -1;

export interface IllnessBehaviour {
  /** Probability that someone with symptoms stays home (no work, school or leisure) until recovery. */
  symptomaticStayHome: number;
  /** Probability that someone with symptoms visits a fever clinic (higher for children and the old). */
  feverClinicSeeking: number;
  /** Probability that someone with symptoms buys antipyretics or cough medicine at a pharmacy. */
  medicinePurchase: number;
}

export class EpidemicState {
  readonly infectedAt: Int32Array;
  readonly onsetAt: Int32Array;
  readonly recoveredAt: Int32Array;
  readonly asymptomatic: Uint8Array;
  readonly infector: Int32Array;
  readonly placeKind: Uint8Array;
  /** Venue, run, household or origin-city index, by place kind. */
  readonly place: Int32Array;
  /** Individual infectiousness outside the home (mean 1; gamma with shape k for superspreading). */
  readonly individualInfectiousness: Float32Array;
  /** Truncation of the infectiousness window, in days since onset, and its normaliser. */
  readonly tauMin: Float32Array;
  readonly tauMax: Float32Array;
  readonly norm: Float32Array;
  /** Minute from which the person stays home because of symptoms (NONE if they do not). */
  readonly staysHomeFrom: Int32Array;
  readonly clinicVisitAt: Int32Array;
  readonly pharmacyVisitAt: Int32Array;
  /** Hospital isolation of a confirmed case (no contact with anyone simulated). */
  readonly isolatedAt: Int32Array;
  /** Home quarantine ordered by the platform (closed loop): out of circulation, household contact continues. */
  readonly quarantineFrom: Int32Array;
  readonly quarantineUntil: Int32Array;
  /** Infection generation: 0 for imports and seeds. */
  readonly generation: Uint16Array;
  /** Origin of imported infections (city name or airport), by person. */
  readonly importOrigin = new Map<number, string>();
  /** Every infected person, in order of infection. */
  readonly infected: number[] = [];
  readonly profile: InfectiousnessProfile;
  private readonly random = new Random(0);

  readonly strain: StrainParameters;
  private readonly seed: number;
  private readonly behaviour: IllnessBehaviour;
  private readonly ages: Uint8Array;

  constructor(options: {
    size: number;
    strain: StrainParameters;
    seed: number;
    behaviour: IllnessBehaviour;
    ages: Uint8Array;
  }) {
    const { size } = options;
    this.strain = options.strain;
    this.seed = options.seed;
    this.behaviour = options.behaviour;
    this.ages = options.ages;
    const filled = (n: number) => new Int32Array(size).fill(n);
    this.infectedAt = filled(NONE);
    this.onsetAt = filled(NONE);
    this.recoveredAt = filled(NONE);
    this.asymptomatic = new Uint8Array(size);
    this.infector = filled(NONE);
    this.placeKind = new Uint8Array(size);
    this.place = filled(NONE);
    this.individualInfectiousness = new Float32Array(size);
    this.tauMin = new Float32Array(size);
    this.tauMax = new Float32Array(size);
    this.norm = new Float32Array(size);
    this.staysHomeFrom = filled(NONE);
    this.clinicVisitAt = filled(NONE);
    this.pharmacyVisitAt = filled(NONE);
    this.isolatedAt = filled(NONE);
    this.quarantineFrom = filled(NONE);
    this.quarantineUntil = filled(NONE);
    this.generation = new Uint16Array(size);
    this.profile = new InfectiousnessProfile(this.strain.infectiousness);
  }

  isSusceptible(person: number): boolean {
    return this.infectedAt[person] === NONE;
  }

  /**
   * Records an infection at `minute` and draws its natural history: incubation, whether symptomatic,
   * individual infectiousness, recovery, and what the illness makes the person do.
   */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  infect(person: number, minute: number, infector: number, placeKind: number, place: number): void {
    const strain = this.strain;
    const random = this.random.reseed(this.seed, streams.naturalHistory, person);
    const incubationDays = sample(strain.incubation, random);
    const asymptomatic = random.chance(strain.asymptomaticFraction);
    const k = strain.dispersion;
    const nu = Number.isFinite(k) && k > 0 ? random.gamma(k, 1 / k) : 1;
    const recoveryDays = Math.max(1, sample(strain.recoveryAfterOnset, random));
    const onset = minute + Math.round(incubationDays * MINUTES_PER_DAY);
    const tauMin = Math.max(-strain.infectiousness.shift, strain.latentMinimumDays - incubationDays);
    this.infectedAt[person] = minute;
    this.onsetAt[person] = onset;
    this.recoveredAt[person] = onset + Math.round(recoveryDays * MINUTES_PER_DAY);
    this.asymptomatic[person] = asymptomatic ? 1 : 0;
    this.infector[person] = infector;
    this.placeKind[person] = placeKind;
    this.place[person] = place;
    this.individualInfectiousness[person] = nu;
    this.tauMin[person] = tauMin;
    this.tauMax[person] = recoveryDays;
    this.norm[person] = this.profile.windowMass(tauMin, recoveryDays);
    this.generation[person] = infector === NONE ? 0 : Math.min(65535, this.generation[infector]! + 1);
    this.infected.push(person);
    if (asymptomatic) return;
    // Illness behaviour, drawn now so the person's later days are fixed by their own stream.
    const age = this.ages[person]!;
    if (random.chance(this.behaviour.symptomaticStayHome))
      this.staysHomeFrom[person] = onset + random.between(0, 720);
    const seeking = Math.min(1, this.behaviour.feverClinicSeeking * (age < 12 || age >= 60 ? 1.6 : 1));
    if (random.chance(seeking)) {
      // Onset to fever-clinic visit: gamma, mean 1.5 days, SD 1 (assumption).
      const delay = sample({ kind: 'gamma', shape: 2.25, scale: 1.5 / 2.25 }, random);
      const visit = onset + Math.round(delay * MINUTES_PER_DAY);
      if (visit < this.recoveredAt[person]!) this.clinicVisitAt[person] = visit;
    }
    if (random.chance(this.behaviour.medicinePurchase)) {
      this.pharmacyVisitAt[person] = onset + Math.round(random.uniform(0.2, 1.5) * MINUTES_PER_DAY);
    }
  }

  /** Infectiousness per day at `minute` (0 outside the window), individual factors included. */
  rateAt(person: number, minute: number): number {
    if (this.infectedAt[person] === NONE) return 0;
    const tau = (minute - this.onsetAt[person]!) / MINUTES_PER_DAY;
    const base = this.profile.rate(tau, this.tauMin[person]!, this.tauMax[person]!, this.norm[person]!);
    return this.asymptomatic[person] ? base * this.strain.asymptomaticRelativeInfectiousness : base;
  }

  /** Share of the infection's infectiousness spent in [from, to) minutes (household exposure by day). */
  massBetween(person: number, from: number, to: number): number {
    if (this.infectedAt[person] === NONE) return 0;
    const onset = this.onsetAt[person]!;
    const mass = this.profile.mass(
      (from - onset) / MINUTES_PER_DAY,
      (to - onset) / MINUTES_PER_DAY,
      this.tauMin[person]!,
      this.tauMax[person]!,
      this.norm[person]!,
    );
    return this.asymptomatic[person] ? mass * this.strain.asymptomaticRelativeInfectiousness : mass;
  }

  /** Whether the person is in hospital isolation at `minute`. */
  isIsolated(person: number, minute: number): boolean {
    const at = this.isolatedAt[person]!;
    return at !== NONE && at <= minute;
  }

  isQuarantined(person: number, minute: number): boolean {
    const from = this.quarantineFrom[person]!;
    return from !== NONE && from <= minute && minute < this.quarantineUntil[person]!;
  }

  /** Whether symptoms keep the person at home at `minute`. */
  staysHome(person: number, minute: number): boolean {
    const from = this.staysHomeFrom[person]!;
    return from !== NONE && from <= minute && minute < this.recoveredAt[person]!;
  }

  /** Whether the person has symptoms at `minute`. */
  isSymptomatic(person: number, minute: number): boolean {
    return (
      this.infectedAt[person] !== NONE &&
      !this.asymptomatic[person] &&
      this.onsetAt[person]! <= minute &&
      minute < this.recoveredAt[person]!
    );
  }
}
