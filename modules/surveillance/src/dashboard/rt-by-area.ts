/**
 * Rt, growth rate and doubling time of one area from its daily new infections (pure): EpiEstim's
 * `estimate_R` with a parametric serial interval over weekly sliding windows (Cori et al. 2013, AJE
 * 178:1505) and the quasi-Poisson growth rate of the last week; the latest window is the one reported.
 */
import { estimateR, incidenceFromCounts } from '../stats/rt/estimate-r.js';
import { growthRate } from '../stats/rt/growth-rate.js';

export interface SerialInterval {
  mean: number;
  sd: number;
  /** Where the numbers come from, shown on the dashboard. */
  source: string;
}

/**
 * Omicron BA.1: mean 3.5 days (Backer JA et al., Euro Surveill 2022;27(6):2200042, the strain the demo
 * city simulates); the standard deviation of 2.4 days is an assumption of the same order as theirs.
 */
export const defaultSerialInterval: SerialInterval = {
  mean: 3.5,
  sd: 2.4,
  source: 'Backer et al. 2022 (Omicron BA.1), SD assumed',
};

export interface RtEstimate {
  /** The window, as dates. */
  from: string;
  to: string;
  mean: number;
  q025: number;
  q975: number;
}

export interface GrowthEstimate {
  rate: number;
  rateLower: number | null;
  rateUpper: number | null;
  /** Days; negative = halving time. */
  doublingTime: number | null;
  doublingTimeLower: number | null;
  doublingTimeUpper: number | null;
}

export interface AreaRt {
  latest: RtEstimate | null;
  growth: GrowthEstimate | null;
  /** Every window with an estimate, for a trend line. */
  series: RtEstimate[];
  /** Infections in the last 14 days of the series. */
  recent: number;
}

/** Too few infections to say anything: fewer than this in the last two weeks gives no estimate. */
const MIN_RECENT_INFECTIONS = 5;
/**
 * Windows with fewer infections than this are not shown: their posterior is mostly the prior (mean 5,
 * SD 5), which reads as a number it is not. EpiEstim warns below 11 for a CV of 0.3.
 */
const MIN_WINDOW_INFECTIONS = 5;

export function rtOfArea(dates: readonly string[], counts: readonly number[], si: SerialInterval): AreaRt {
  const recent = counts.slice(-14).reduce((a, b) => a + b, 0);
  const none: AreaRt = { latest: null, growth: null, series: [], recent };
  if (counts.length < 8 || recent < MIN_RECENT_INFECTIONS || counts.every((c) => c === 0)) return none;
  const result = estimateR(incidenceFromCounts(counts), {
    method: 'parametric_si',
    meanSi: si.mean,
    stdSi: si.sd,
  });
  const inWindow = (w: { t_start: number; t_end: number }) =>
    counts.slice(w.t_start - 1, w.t_end).reduce((a, b) => a + b, 0);
  const series: RtEstimate[] = result.windows.flatMap((w) =>
    w.mean === null || w.q025 === null || w.q975 === null || inWindow(w) < MIN_WINDOW_INFECTIONS
      ? []
      : [{ from: dates[w.t_start - 1]!, to: dates[w.t_end - 1]!, mean: w.mean, q025: w.q025, q975: w.q975 }],
  );
  const lastWeek = growthRate(counts.slice(-7), { window: 7 })[0];
  const growth: GrowthEstimate | null =
    lastWeek && lastWeek.rate !== null
      ? {
          rate: lastWeek.rate,
          rateLower: lastWeek.rateLower,
          rateUpper: lastWeek.rateUpper,
          doublingTime: lastWeek.doublingTime,
          doublingTimeLower: lastWeek.doublingTimeLower,
          doublingTimeUpper: lastWeek.doublingTimeUpper,
        }
      : null;
  const last = series.at(-1);
  const current = last && last.to === dates.at(-1) ? last : null;
  return { latest: current, growth, series, recent };
}
