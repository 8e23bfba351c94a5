/**
 * How likely a test is to come back positive, by time since symptom onset. PCR sensitivity follows
 * Kucirka LM et al., Ann Intern Med 2020;173:262–7 (false-negative rate 100 % on the day of infection,
 * 67 % the day before onset, 38 % on the day of onset, a minimum of 20 % three days after onset, 66 % three
 * weeks after infection), taking their 5-day incubation as the reference to express it against onset.
 * Rapid antigen tests detect about 72 % of what PCR detects in symptomatic people and 58 % in
 * asymptomatic ones (Dinnes J et al., Cochrane Database Syst Rev 2021;3:CD013705).
 */

/** (days since onset, PCR sensitivity) knots, linearly interpolated. */
const pcrKnots: readonly [number, number][] = [
  [-4, 0],
  [-1, 0.33],
  [0, 0.62],
  [3, 0.8],
  [16, 0.34],
  [25, 0], // assumption: no longer detectable four weeks after infection
];

export function pcrSensitivity(daysSinceOnset: number): number {
  if (daysSinceOnset <= pcrKnots[0]![0]) return 0;
  for (let i = 1; i < pcrKnots.length; i++) {
    const [x1, y1] = pcrKnots[i]!;
    if (daysSinceOnset <= x1) {
      const [x0, y0] = pcrKnots[i - 1]!;
      return y0 + ((y1 - y0) * (daysSinceOnset - x0)) / (x1 - x0);
    }
  }
  return 0;
}

export function antigenSensitivity(daysSinceOnset: number, asymptomatic: boolean): number {
  return pcrSensitivity(daysSinceOnset) * (asymptomatic ? 0.58 : 0.72);
}

/** Specificities: PCR false positives are rare; antigen 99.6 % specific (Dinnes et al. 2021). */
export const pcrSpecificity = 0.9999;
export const antigenSpecificity = 0.996;

/** Relative sensitivity of one positive sample in a 10-sample pool (dilution costs little; Yelin I et al., Clin Infect Dis 2020;71:2073–8). */
export const pooledSensitivityFactor = 0.95;
