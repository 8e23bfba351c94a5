/**
 * Natural history and transmissibility presets: the ancestral strain of early 2020 and an Omicron-like
 * strain of 2022, each parameter with its source. Where no published value fits, the value is marked as
 * this simulator's assumption.
 */
import {
  gammaFromMeanAndSd,
  lognormalFromMeanAndQuantile,
  lognormalFromMeanAndSd,
  type Distribution,
} from './distributions.js';

export type StrainName = 'omicron' | 'ancestral';

export interface StrainParameters {
  name: string;
  /** Infection to symptom onset. */
  incubation: Distribution;
  /**
   * Infectiousness over time since symptom onset τ (days): τ + shift follows Gamma(shape, scale), so
   * infectiousness can start `shift` days before onset; truncated at `latentMinimumDays` after infection.
   */
  infectiousness: { shape: number; scale: number; shift: number };
  latentMinimumDays: number;
  /** Share of infections that never develop symptoms. */
  asymptomaticFraction: number;
  /** Infectiousness of an asymptomatic infection relative to a symptomatic one. */
  asymptomaticRelativeInfectiousness: number;
  /** Mean secondary infections per infection in a fully susceptible city, before testing and isolation. */
  reproductionNumber: number;
  /** Expected share of household members infected by an index case (household secondary attack rate). */
  householdSecondaryAttackRate: number;
  /** Dispersion k of individual infectiousness outside the home (negative binomial offspring; ∞ = none). */
  dispersion: number;
  /** Symptom onset to recovery (end of infectiousness and of the infection in the ground truth). */
  recoveryAfterOnset: Distribution;
  /** Reduction of susceptibility of a vaccinated person (two doses or more). */
  vaccineEffectAgainstInfection: number;
  sources: string[];
}

export const strainPresets: Readonly<Record<StrainName, StrainParameters>> = {
  ancestral: {
    name: 'ancestral',
    // Li Q et al., NEJM 2020;382:1199–207: mean incubation 5.2 days, 95th percentile 12.5 days (lognormal fit).
    incubation: lognormalFromMeanAndQuantile(5.2, 0.95, 12.5),
    // He X et al., Nat Med 2020;26:672–5: infectiousness starts about 2.3 days before onset and peaks 0.7 days
    // before; mean serial interval 5.8 days. Gamma(2.23, 1.3) − 2.3 has its mode at −0.7 and mean 0.6 (5.8 − 5.2).
    infectiousness: { shape: 2.23, scale: 1.3, shift: 2.3 },
    latentMinimumDays: 1,
    // Buitrago-Garcia D et al., PLoS Med 2020;17:e1003346: 20 % asymptomatic; relative transmission 0.35.
    asymptomaticFraction: 0.2,
    asymptomaticRelativeInfectiousness: 0.35,
    // Li Q et al. 2020 estimated R0 = 2.2 in early Wuhan.
    reproductionNumber: 2.2,
    // Madewell ZJ et al., JAMA Netw Open 2020;3:e2031756: household secondary attack rate 16.6 %.
    householdSecondaryAttackRate: 0.166,
    // Endo A et al., Wellcome Open Res 2020;5:67: dispersion k ≈ 0.1.
    dispersion: 0.1,
    // Assumption: symptoms and infectiousness end about 10 days after onset (WHO isolation criterion).
    recoveryAfterOnset: gammaFromMeanAndSd(10, 3),
    vaccineEffectAgainstInfection: 0,
    sources: [
      'Li Q et al. Early transmission dynamics in Wuhan. NEJM 2020;382:1199-1207',
      'He X et al. Temporal dynamics in viral shedding and transmissibility of COVID-19. Nat Med 2020;26:672-675',
      'Buitrago-Garcia D et al. Occurrence and transmission potential of asymptomatic and presymptomatic SARS-CoV-2 infections. PLoS Med 2020;17:e1003346',
      'Madewell ZJ et al. Household transmission of SARS-CoV-2. JAMA Netw Open 2020;3:e2031756',
      'Endo A et al. Estimating the overdispersion in COVID-19 transmission using outbreak sizes outside China. Wellcome Open Res 2020;5:67',
    ],
  },
  omicron: {
    name: 'omicron',
    // Backer JA et al., Euro Surveill 2022;27(6):2200042: mean incubation 3.2 days for Omicron BA.1
    // (4.4 for Delta). The spread (SD 2.2 days) is an assumption: the ancestral fit's coefficient of variation.
    incubation: lognormalFromMeanAndSd(3.2, 2.2),
    // Backer et al. 2022: mean serial interval 3.5 days, so mean τ = 3.5 − 3.2 = 0.3; Manica M et al., Lancet Reg
    // Health Eur 2022;19:100446: 51 % of transmission before onset. Gamma(2.45, 0.94) − 2.0 has mean 0.3 and
    // about half its mass before 0.
    infectiousness: { shape: 2.45, scale: 0.94, shift: 2.0 },
    latentMinimumDays: 1,
    // Shang W et al., Vaccines 2022;10(7):1049 (meta-analysis): 32.4 % of Omicron infections asymptomatic.
    asymptomaticFraction: 0.324,
    asymptomaticRelativeInfectiousness: 0.35,
    // Assumption: effective reproduction number under 2022 China's baseline masking and distancing, before
    // testing and isolation (far below Omicron's unmitigated R0).
    reproductionNumber: 2.5,
    // Madewell ZJ et al., JAMA Netw Open 2022;5:e229317: household secondary attack rate 42.7 % for Omicron.
    householdSecondaryAttackRate: 0.427,
    // Assumption: less overdispersed than the ancestral strain; no consensus estimate.
    dispersion: 0.4,
    // Assumption: infectiousness over about a week after onset.
    recoveryAfterOnset: gammaFromMeanAndSd(7, 2),
    // Assumption: inactivated vaccines gave little protection against Omicron infection.
    vaccineEffectAgainstInfection: 0.2,
    sources: [
      'Backer JA et al. Shorter serial intervals in SARS-CoV-2 cases with Omicron BA.1 variant compared with Delta variant, the Netherlands, 13 to 26 December 2021. Euro Surveill 2022;27(6):2200042',
      'Manica M et al. Intrinsic generation time of the SARS-CoV-2 Omicron variant. Lancet Reg Health Eur 2022;19:100446',
      'Shang W et al. Percentage of asymptomatic infections among SARS-CoV-2 Omicron variant-positive individuals: a systematic review and meta-analysis. Vaccines 2022;10(7):1049',
      'Madewell ZJ et al. Household secondary attack rates of SARS-CoV-2 by variant and vaccination status. JAMA Netw Open 2022;5:e229317',
    ],
  },
};
