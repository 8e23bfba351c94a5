/**
 * The demo city that `npm start` seeds on first run and `shuzhi demo` generates: Zhuzhou with 50,000
 * residents over 21 days, an Omicron-like outbreak in progress (a handful of importations growing into
 * several hundred infections) and a planted wet-market cluster in one street, nine days before the end, for
 * early warning to catch.
 */
import type { SimulationInput } from './options.js';
import { simulateCity, type SimulationResult } from './simulation.js';
import type { StrainName } from './strains.js';

export interface DemoCityOptions {
  people?: number;
  days?: number;
  seed?: number;
  strain?: StrainName;
  /** First simulated day (YYYY-MM-DD). Pass a date `days` before today for an outbreak "now". */
  startDate?: string;
}

/** Simulation options of the demo city. */
export function demoCityOptions(options: DemoCityOptions = {}): SimulationInput {
  const people = options.people ?? 50_000;
  const days = options.days ?? 21;
  return {
    people,
    days,
    seed: options.seed ?? 20220101,
    strain: options.strain ?? 'omicron',
    ...(options.startDate ? { startDate: options.startDate } : {}),
    // A mitigated Omicron-like outbreak (R 2 before testing and isolation), seeded by about one
    // importation per 12,000 residents before the start: under way, not yet everywhere.
    reproductionNumber: 2,
    initialInfections: Math.max(2, Math.round(people / 12_000)),
    plantedCluster: { kind: 'market', day: Math.max(0, days - 9), infectiousnessMultiplier: 30 },
  };
}

/** Builds and runs the demo city in memory. */
export function demoCity(options: DemoCityOptions = {}): SimulationResult {
  return simulateCity(demoCityOptions(options));
}
