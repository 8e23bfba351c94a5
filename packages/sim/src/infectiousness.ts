/**
 * How infectious someone is over time since their symptom onset: a shifted gamma density (He et al.
 * 2020), cut at the end of a minimum latent period after infection and at recovery, renormalised so each
 * infection's infectiousness integrates to one. Tabulated every quarter hour because the transmission
 * loop evaluates it for every infectious visit.
 */
import { cdf, density } from './distributions.js';

const STEP_DAYS = 1 / 96;
const SPAN_DAYS = 60;

export class InfectiousnessProfile {
  private readonly densityTable: Float64Array;
  private readonly cdfTable: Float64Array;

  constructor(readonly parameters: { shape: number; scale: number; shift: number }) {
    const n = Math.ceil(SPAN_DAYS / STEP_DAYS) + 2;
    this.densityTable = new Float64Array(n);
    this.cdfTable = new Float64Array(n);
    const gamma = { kind: 'gamma' as const, shape: parameters.shape, scale: parameters.scale };
    for (let i = 0; i < n; i++) {
      this.densityTable[i] = density(gamma, i * STEP_DAYS);
      this.cdfTable[i] = cdf(gamma, i * STEP_DAYS);
    }
  }

  private lookup(table: Float64Array, x: number): number {
    if (x <= 0) return table === this.cdfTable ? 0 : table[0]!;
    const position = x / STEP_DAYS;
    const i = Math.floor(position);
    if (i >= table.length - 1) return table[table.length - 1]!;
    const f = position - i;
    return table[i]! * (1 - f) + table[i + 1]! * f;
  }

  /** Untruncated distribution function of τ (days since onset). */
  cumulative(tau: number): number {
    return this.lookup(this.cdfTable, tau + this.parameters.shift);
  }

  /** Share of the untruncated mass inside [tauMin, tauMax], the normaliser of one infection. */
  windowMass(tauMin: number, tauMax: number): number {
    return Math.max(1e-12, this.cumulative(tauMax) - this.cumulative(tauMin));
  }

  /** Infectiousness per day at τ, for an infection whose window is [tauMin, tauMax] with mass `norm`. */
  rate(tau: number, tauMin: number, tauMax: number, norm: number): number {
    if (tau < tauMin || tau > tauMax) return 0;
    return this.lookup(this.densityTable, tau + this.parameters.shift) / norm;
  }

  /** Share of the infection's infectiousness spent between τ = a and τ = b. */
  // eslint-disable-next-line max-params -- hot path: scalars, so no object is made per event
  mass(a: number, b: number, tauMin: number, tauMax: number, norm: number): number {
    const lo = Math.max(a, tauMin);
    const hi = Math.min(b, tauMax);
    if (hi <= lo) return 0;
    return (this.cumulative(hi) - this.cumulative(lo)) / norm;
  }
}
