/**
 * Everything a simulation run can be told, with documented defaults, and the check that rejects a bad
 * option with the field and the reason (AppError `invalid_input`, record `options`).
 */
import { invalidField } from '@shuzhi/core';
import type { DirtyDataRates } from './dirty-data.js';
import type { IllnessBehaviour } from './epidemic-state.js';
import type { BackgroundOptions, ImmunizationRecords, TestingOptions } from './health-system.js';
import type { PlantedClusterOptions } from './planted-cluster.js';
import type { ComplianceOptions } from './schedules.js';
import { strainPresets, type StrainName, type StrainParameters } from './strains.js';
import type { InternationalOptions, VisitorOptions } from './visitors.js';

export interface SimulationOptions {
  seed: number;
  /** Residents of the synthetic city. */
  people: number;
  days: number;
  /** First simulated day, YYYY-MM-DD in China Standard Time. */
  startDate: string;
  strain: StrainName | StrainParameters;
  /** Overrides the strain's reproduction number. */
  reproductionNumber?: number;
  /** Overrides the strain's household secondary attack rate. */
  householdSecondaryAttackRate?: number;
  /** Overrides the strain's dispersion k (Infinity for none). */
  dispersion?: number;
  /** Residents infected outside the city in the five days before the start (random, never traced). */
  initialInfections: number;
  compliance: ComplianceOptions;
  behaviour: IllnessBehaviour;
  visitors: VisitorOptions;
  international: InternationalOptions;
  testing: TestingOptions;
  background: BackgroundOptions;
  dirtyData: DirtyDataRates;
  /** Share of communities whose gates record passes. */
  gatedCommunityShare: number;
  plantedCluster: PlantedClusterOptions | null;
  immunizationRecords: ImmunizationRecords;
  transmission: {
    /** Transmission multiplier per unit of occupancy (person-minutes over open minutes × capacity). */
    crowding: number;
    /** Aboard, transmission between seats more than three rows apart relative to within three rows. */
    distantRowFactor: number;
  };
  /** Residents sampled to measure contact mass when calibrating (more is steadier, slower). */
  calibrationSample: number;
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

/** What callers pass: any subset of the options. */
export type SimulationInput = DeepPartial<Omit<SimulationOptions, 'strain' | 'plantedCluster'>> & {
  strain?: StrainName | StrainParameters;
  plantedCluster?: Partial<PlantedClusterOptions> | null;
};

export const defaultOptions: SimulationOptions = {
  seed: 1,
  people: 10_000,
  days: 14,
  startDate: '2026-03-02',
  strain: 'omicron',
  initialInfections: 5,
  compliance: { scanRate: 0.9, neverScanShare: 0.05, missingCheckoutRate: 0.3 },
  behaviour: { symptomaticStayHome: 0.5, feverClinicSeeking: 0.3, medicinePurchase: 0.4 },
  visitors: { perThousandResidentsPerDay: 2, infectedShare: 0.002 },
  international: { arrivalsPerDay: 2, infectedShare: 0.02, chineseShare: 0.6, quarantineDays: 7 },
  testing: {
    massScreening: {
      enabled: true,
      scope: 'district',
      rounds: 3,
      intervalDays: 1,
      participation: 0.9,
      poolSize: 10,
    },
    clinicTurnaroundHours: 8,
    screeningTurnaroundHours: 14,
    reportDelayHours: 2,
    isolateConfirmedCases: true,
    isolationDelayHours: 3,
    clinicAntigenShare: 0.5,
  },
  background: {
    feverClinicPer100k: 12,
    iliPer100k: 30,
    antipyreticPer100k: 60,
    coughMedicinePer100k: 80,
    schoolAbsencePerThousand: 8,
  },
  dirtyData: {
    nameTypo: 0.03,
    missingId: 0.05,
    mistypedId: 0.01,
    phoneVariant: 0.05,
    birthDateError: 0.005,
    duplicateRecord: 0.02,
  },
  gatedCommunityShare: 0.3,
  plantedCluster: null,
  immunizationRecords: 'patients',
  transmission: { crowding: 1, distantRowFactor: 0.15 },
  calibrationSample: 1500,
};

function merge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return base;
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof patch !== 'object' ||
    patch === null
  )
    return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === undefined) continue;
    out[key] = key in out ? merge(out[key], value) : value;
  }
  return out as T;
}

/** Fills in defaults and checks every field; throws AppError `invalid_input` naming the field. */
export function resolveOptions(input: SimulationInput = {}): SimulationOptions {
  const { plantedCluster, strain, ...rest } = input;
  const options = merge<SimulationOptions>(defaultOptions, rest);
  options.strain = strain ?? defaultOptions.strain;
  options.plantedCluster =
    plantedCluster === undefined || plantedCluster === null
      ? null
      : {
          kind: 'market',
          day: Math.max(0, Math.floor(options.days / 2)),
          // A vendor meets hundreds of passers-by; a pupil spends the day with the same forty classmates.
          infectiousnessMultiplier: plantedCluster.kind === 'school' ? 10 : 30,
          ...plantedCluster,
        };
  validate(options);
  return options;
}

/** The strain parameters of a run, overrides applied. */
export function strainOf(options: SimulationOptions): StrainParameters {
  const base = typeof options.strain === 'string' ? strainPresets[options.strain] : options.strain;
  return {
    ...base,
    ...(options.reproductionNumber !== undefined ? { reproductionNumber: options.reproductionNumber } : {}),
    ...(options.householdSecondaryAttackRate !== undefined
      ? { householdSecondaryAttackRate: options.householdSecondaryAttackRate }
      : {}),
    ...(options.dispersion !== undefined ? { dispersion: options.dispersion } : {}),
  };
}

function validate(o: SimulationOptions): void {
  const integer = (field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(value) || value < min || value > max)
      throw invalidField('options', field, `must be an integer from ${min} to ${max}`);
  };
  const share = (field: string, value: number) => {
    if (!(value >= 0 && value <= 1)) throw invalidField('options', field, 'must be a number from 0 to 1');
  };
  const nonNegative = (field: string, value: number) => {
    if (!(value >= 0) || Number.isNaN(value)) throw invalidField('options', field, 'must be a number ≥ 0');
  };
  integer('seed', o.seed, 0, 2 ** 32 - 1);
  integer('people', o.people, 100, 50_000_000);
  integer('days', o.days, 1, 366);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(o.startDate) ||
    Number.isNaN(Date.parse(`${o.startDate}T00:00:00Z`)) ||
    new Date(`${o.startDate}T00:00:00Z`).toISOString().slice(0, 10) !== o.startDate
  ) {
    throw invalidField('options', 'startDate', 'must be a calendar date YYYY-MM-DD');
  }
  if (typeof o.strain === 'string' && !(o.strain in strainPresets))
    throw invalidField('options', 'strain', `must be one of ${Object.keys(strainPresets).join(', ')}`);
  if (o.reproductionNumber !== undefined) nonNegative('reproductionNumber', o.reproductionNumber);
  if (o.householdSecondaryAttackRate !== undefined)
    share('householdSecondaryAttackRate', o.householdSecondaryAttackRate);
  if (o.dispersion !== undefined && !(o.dispersion > 0))
    throw invalidField('options', 'dispersion', 'must be > 0 (Infinity for no overdispersion)');
  integer('initialInfections', o.initialInfections, 0, o.people);
  share('compliance.scanRate', o.compliance.scanRate);
  share('compliance.neverScanShare', o.compliance.neverScanShare);
  share('compliance.missingCheckoutRate', o.compliance.missingCheckoutRate);
  share('behaviour.symptomaticStayHome', o.behaviour.symptomaticStayHome);
  share('behaviour.feverClinicSeeking', o.behaviour.feverClinicSeeking);
  share('behaviour.medicinePurchase', o.behaviour.medicinePurchase);
  nonNegative('visitors.perThousandResidentsPerDay', o.visitors.perThousandResidentsPerDay);
  share('visitors.infectedShare', o.visitors.infectedShare);
  nonNegative('international.arrivalsPerDay', o.international.arrivalsPerDay);
  share('international.infectedShare', o.international.infectedShare);
  share('international.chineseShare', o.international.chineseShare);
  integer('international.quarantineDays', o.international.quarantineDays, 0, 28);
  share('testing.massScreening.participation', o.testing.massScreening.participation);
  integer('testing.massScreening.rounds', o.testing.massScreening.rounds, 0, 30);
  integer('testing.massScreening.intervalDays', o.testing.massScreening.intervalDays, 1, 14);
  integer('testing.massScreening.poolSize', o.testing.massScreening.poolSize, 1, 20);
  if (!['district', 'street'].includes(o.testing.massScreening.scope))
    throw invalidField('options', 'testing.massScreening.scope', 'must be district or street');
  nonNegative('testing.clinicTurnaroundHours', o.testing.clinicTurnaroundHours);
  nonNegative('testing.screeningTurnaroundHours', o.testing.screeningTurnaroundHours);
  nonNegative('testing.reportDelayHours', o.testing.reportDelayHours);
  nonNegative('testing.isolationDelayHours', o.testing.isolationDelayHours);
  share('testing.clinicAntigenShare', o.testing.clinicAntigenShare);
  for (const [key, value] of Object.entries(o.background) as [string, number][])
    nonNegative(`background.${key}`, value);
  for (const [key, value] of Object.entries(o.dirtyData) as [string, number][])
    share(`dirtyData.${key}`, value);
  share('gatedCommunityShare', o.gatedCommunityShare);
  if (!['none', 'patients', 'all'].includes(o.immunizationRecords))
    throw invalidField('options', 'immunizationRecords', 'must be none, patients or all');
  nonNegative('transmission.crowding', o.transmission.crowding);
  share('transmission.distantRowFactor', o.transmission.distantRowFactor);
  integer('calibrationSample', o.calibrationSample, 10, 1_000_000);
  if (o.plantedCluster) {
    if (!['market', 'school'].includes(o.plantedCluster.kind))
      throw invalidField('options', 'plantedCluster.kind', 'must be market or school');
    integer('plantedCluster.day', o.plantedCluster.day, 0, o.days - 1);
    nonNegative('plantedCluster.infectiousnessMultiplier', o.plantedCluster.infectiousnessMultiplier);
    if (o.plantedCluster.streetCode !== undefined && !/^\d{12}$/.test(o.plantedCluster.streetCode)) {
      throw invalidField('options', 'plantedCluster.streetCode', 'must be a 12-digit street code');
    }
  }
}
