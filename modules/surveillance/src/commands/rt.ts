// `shuzhi rt` as a pure function: daily incidence as CSV in, EpiEstim-style posterior windows out
// (DESIGN.md, Early warning).
import { AppError } from '@shuzhi/core';
import { estimateR, incidenceFromCounts } from '../stats/rt/estimate-r.js';
import type { EstimateROptions, RWindow } from '../stats/rt/estimate-r.js';
import { parseCsv } from './csv.js';
import { readSeriesInput } from './series-input.js';

export interface RtOptions {
  /** Mean of the serial interval in days (> 1), EpiEstim's mean_si. */
  meanSi?: number;
  /** Standard deviation of the serial interval (> 0), EpiEstim's std_si. */
  stdSi?: number;
  /** A discrete serial interval w_0 = 0, w_1, … instead (EpiEstim's non_parametric_si). */
  siDistr?: readonly number[];
  /** Sliding window length in days; default 7 (EpiEstim's weekly windows). */
  window?: number;
  /** Gamma prior of R; EpiEstim's defaults 5 and 5. */
  meanPrior?: number;
  stdPrior?: number;
}

export interface RtOutput {
  windows: RWindow[];
}

function optionError(field: string, reason: string): AppError {
  return new AppError('invalid_input', `${field}: ${reason}`, { issues: [{ field, reason }] });
}

/**
 * EpiEstim::estimate_R on `t,count` or `date,count` daily input (dates one day apart). Windows whose
 * end is not beyond the serial interval's mean get null estimates, as EpiEstim reports NA.
 */
export function rtFromCsv(csvText: string, options: RtOptions): RtOutput {
  const input = readSeriesInput(parseCsv(csvText), { frequency: 365, allowed: ['t', 'date'] });
  const counts = input.series[0]?.observed ?? [];
  const priors = {
    ...(options.window !== undefined ? { window: options.window } : {}),
    ...(options.meanPrior !== undefined ? { meanPrior: options.meanPrior } : {}),
    ...(options.stdPrior !== undefined ? { stdPrior: options.stdPrior } : {}),
  };
  let method: EstimateROptions;
  if (options.siDistr !== undefined) {
    if (options.meanSi !== undefined || options.stdSi !== undefined) {
      throw optionError(
        'si_distr',
        'give either a serial interval distribution or its mean and sd, not both',
      );
    }
    method = { method: 'non_parametric_si', siDistr: options.siDistr, ...priors };
  } else {
    if (options.meanSi === undefined)
      throw optionError('mean_si', 'is required (the serial interval mean in days, > 1)');
    if (options.stdSi === undefined)
      throw optionError('std_si', 'is required (the serial interval sd in days, > 0)');
    method = { method: 'parametric_si', meanSi: options.meanSi, stdSi: options.stdSi, ...priors };
  }
  return { windows: estimateR(incidenceFromCounts(counts), method).windows };
}
