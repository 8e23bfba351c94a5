/**
 * Probable infectors: for each case, the earlier cases it shared an exposure with, each with a normalised
 * likelihood — the relative likelihood of Wallinga & Teunis (2004, Am J Epidemiol 160:509, eq. 1),
 * p_ij = w(t_i − t_j) / Σ_k w(t_i − t_k), restricted to the cases that case i actually met, where w is the
 * serial-interval density and t the onset. An optional weight per exposure kind (a household shared for
 * days against a bus ride) multiplies w.
 */
import type { ExposureKind } from '../core/rules.js';
import type { ChainCase, SharedExposure } from './chain-inputs.js';
import { defaultSerialInterval, serialIntervalDensity } from './serial-interval.js';
import type { SerialInterval } from './serial-interval.js';

export interface InfectorOptions {
  serialInterval?: SerialInterval;
  /** Relative weight of each exposure kind (default 1 for all); a pair takes its heaviest exposure. */
  kindWeights?: Partial<Record<ExposureKind, number>>;
}

export interface InfectorCandidate {
  caseId: string;
  /** Normalised over the candidates of the infectee: they sum to 1. */
  likelihood: number;
  serialIntervalDays: number;
  /** The shared exposures before the infectee's onset that link the two. */
  exposures: SharedExposure[];
}

export interface CaseInfectors {
  caseId: string;
  /** Most likely first; empty when no earlier case shared an exposure before onset. */
  candidates: InfectorCandidate[];
}

const DAY_MS = 86_400_000;

export function probableInfectors(
  cases: readonly ChainCase[],
  shared: readonly SharedExposure[],
  options: InfectorOptions = {},
): CaseInfectors[] {
  const serialInterval = options.serialInterval ?? defaultSerialInterval;
  const onsetOf = new Map(cases.map((c) => [c.caseId, c.onset]));
  const exposuresBetween = new Map<string, Map<string, SharedExposure[]>>();
  const link = (infectee: string, infector: string, e: SharedExposure) => {
    let byInfector = exposuresBetween.get(infectee);
    if (byInfector === undefined)
      exposuresBetween.set(infectee, (byInfector = new Map<string, SharedExposure[]>()));
    const list = byInfector.get(infector);
    if (list === undefined) byInfector.set(infector, [e]);
    else list.push(e);
  };
  for (const e of shared) {
    if (e.caseA === e.caseB || !onsetOf.has(e.caseA) || !onsetOf.has(e.caseB)) continue;
    link(e.caseA, e.caseB, e);
    link(e.caseB, e.caseA, e);
  }

  return cases.map(({ caseId, onset }) => {
    const weighted: Omit<InfectorCandidate, 'likelihood'>[] = [];
    const weights: number[] = [];
    for (const [infector, exposures] of exposuresBetween.get(caseId) ?? []) {
      const infectorOnset = onsetOf.get(infector)!;
      // Only earlier cases, and only exposures that began before the infectee fell ill.
      const beforeOnset = exposures.filter((e) => e.from < onset);
      if (infectorOnset >= onset || beforeOnset.length === 0) continue;
      const days = (onset - infectorOnset) / DAY_MS;
      const kindWeight = Math.max(...beforeOnset.map((e) => options.kindWeights?.[e.kind] ?? 1));
      const weight = serialIntervalDensity(days, serialInterval) * kindWeight;
      if (!(weight > 0)) continue;
      weighted.push({ caseId: infector, serialIntervalDays: days, exposures: beforeOnset });
      weights.push(weight);
    }
    const total = weights.reduce((sum, w) => sum + w, 0);
    const candidates = weighted
      .map((c, i) => ({ ...c, likelihood: weights[i]! / total }))
      .sort((a, b) => b.likelihood - a.likelihood || (a.caseId < b.caseId ? -1 : 1));
    return { caseId, candidates };
  });
}
