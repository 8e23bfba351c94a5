import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberCell, numberOrNull, readFixtureCsv, relativelyClose } from '../testing/fixtures.js';
import { negativeBinomialFamily, poissonFamily, quasiPoissonFamily } from './family.js';
import type { GlmFamily } from './family.js';
import { fitGlm } from './glm-fit.js';
import type { DesignColumns, GlmFit } from './glm-fit.js';
import { coefficientTest, hatValues, pearsonDispersion, predictLink } from './glm-inference.js';
import { fitNegativeBinomialGlm } from './glm-nb.js';
import {
  fitGroupedTrendGlm,
  groupedTrendDispersion,
  groupedTrendHatValues,
  groupedTrendPrediction,
} from './grouped-trend-glm.js';

const input = readFixtureCsv('special/glm_input.csv');
const y = input.map((row) => numberCell(row, 'y'));
const t = input.map((row) => numberCell(row, 't'));
const level = input.map((row) => numberCell(row, 'level'));
const priorWeights = input.map((row) => numberCell(row, 'w'));
const n = y.length;

const expected = new Map<string, (number | null)[]>();
for (const row of readFixtureCsv('special/glm_output.csv')) {
  const key = `${row.case}/${row.quantity}`;
  expected.set(key, [...(expected.get(key) ?? []), numberOrNull(row.value)]);
}
function reference(caseName: string, quantity: string): (number | null)[] {
  const values = expected.get(`${caseName}/${quantity}`);
  if (!values) throw new Error(`no reference ${caseName}/${quantity}`);
  return values;
}

const ones = new Array<number>(n).fill(1);
const dummy = (k: number): number[] => level.map((l) => (l === k ? 1 : 0));
const cosine = t.map((x) => Math.cos((2 * Math.PI * x) / 52));
const sine = t.map((x) => Math.sin((2 * Math.PI * x) / 52));
const newTrendLevels = [1, 160, 1, 0, 0];
const newHarmonic = [1, Math.cos((2 * Math.PI * 160) / 52), Math.sin((2 * Math.PI * 160) / 52)];

function expectClose(actual: ArrayLike<number>, wanted: (number | null)[], tolerance: number): void {
  const failures: string[] = [];
  wanted.forEach((value, i) => {
    const mine = actual[i] ?? Number.NaN;
    const ok =
      value === null
        ? Number.isNaN(mine)
        : relativelyClose(mine, value, tolerance) || Math.abs(mine - value) < 1e-13;
    if (!ok) failures.push(`[${i}] ${mine} vs R ${value}`);
  });
  expect(failures).toEqual([]);
}

function checkAgainstR(
  caseName: string,
  fit: GlmFit,
  inference: { newRow: number[]; dispersion: number; estimated?: boolean },
): void {
  const { newRow, dispersion, estimated = true } = inference;
  expectClose(fit.coefficients, reference(caseName, 'coefficients'), 1e-9);
  expectClose([dispersion], reference(caseName, 'dispersion'), 1e-9);
  expectClose(hatValues(fit), reference(caseName, 'hat'), 1e-9);
  expectClose(fit.mu, reference(caseName, 'fitted'), 1e-9);
  expect(fit.iterations).toBe(reference(caseName, 'iterations')[0]);
  expect(fit.dfResidual).toBe(reference(caseName, 'df_residual')[0]);
  const pValues = reference(caseName, 'p_values');
  const present = [...fit.coefficients.keys()].filter(
    (j) => !Number.isNaN(fit.coefficients[j] ?? Number.NaN),
  );
  expectClose(
    present.map((j) => coefficientTest(fit, j, dispersion, estimated).pValue),
    pValues,
    1e-8,
  );
  const prediction = predictLink(fit, newRow);
  expectClose(
    [prediction.eta, prediction.unscaledStandardError * Math.sqrt(dispersion)],
    reference(caseName, 'predict_link'),
    1e-9,
  );
}

function fitCase(design: DesignColumns, family: GlmFamily, weights?: number[]): GlmFit {
  return fitGlm(design, y, { family, ...(weights ? { priorWeights: weights } : {}) });
}

describe('IRLS generalised linear models (R glm.fit semantics)', () => {
  it('fits a quasi-Poisson trend model as R does', () => {
    const fit = fitCase([ones, t], quasiPoissonFamily);
    checkAgainstR('trend', fit, { newRow: [1, 160], dispersion: pearsonDispersion(fit) });
  });

  it('fits seasonal levels with a trend, with and without prior weights', () => {
    const design = [ones, t, dummy(2), dummy(3), dummy(4)];
    const fit = fitCase(design, quasiPoissonFamily);
    checkAgainstR('trend_levels', fit, {
      newRow: newTrendLevels.map((v, j) => (j === 2 ? 1 : v)),
      dispersion: pearsonDispersion(fit),
    });
    const weighted = fitCase(design, quasiPoissonFamily, priorWeights);
    checkAgainstR('trend_levels_weighted', weighted, {
      newRow: newTrendLevels.map((v, j) => (j === 2 ? 1 : v)),
      dispersion: pearsonDispersion(weighted),
    });
  });

  it('uses a fixed dispersion of one for the Poisson family', () => {
    const fit = fitCase([ones, cosine, sine], poissonFamily);
    checkAgainstR('harmonic_poisson', fit, { newRow: newHarmonic, dispersion: 1, estimated: false });
  });

  it('reports an aliased column as NA, like R, and ignores it in predictions', () => {
    const fit = fitCase([ones, t, t.map((x) => 2 * x)], quasiPoissonFamily);
    expect(fit.rank).toBe(2);
    checkAgainstR('aliased', fit, { newRow: [1, 160, 320], dispersion: pearsonDispersion(fit) });
  });

  it('fits the negative binomial family with fixed θ', () => {
    const fit = fitCase([ones, t, dummy(2), dummy(3), dummy(4)], negativeBinomialFamily(2));
    // summary.glm estimates a dispersion for a glm(family = negative.binomial(θ)) fit.
    checkAgainstR('negbin_fixed', fit, {
      newRow: newTrendLevels.map((v, j) => (j === 2 ? 1 : v)),
      dispersion: pearsonDispersion(fit),
    });
  });

  it('estimates θ like MASS::glm.nb', () => {
    const { fit, theta } = fitNegativeBinomialGlm([ones, cosine, sine], y);
    expectClose([theta], reference('negbin_estimated', 'theta'), 1e-8);
    checkAgainstR('negbin_estimated', fit, { newRow: newHarmonic, dispersion: 1, estimated: false });
  });
});

describe('grouped-trend IRLS (the fast Farrington solver)', () => {
  const levelIndex = Int32Array.from(level, (l) => l - 1);
  const response = Float64Array.from(y);
  const time = Float64Array.from(t);

  it('reproduces R for seasonal levels with a trend', () => {
    const design = { response, level: levelIndex, levelCount: 4, time };
    const fit = fitGroupedTrendGlm(design);
    const dispersion = groupedTrendDispersion(fit, response, fit.workingWeights);
    expectClose(fit.mu, reference('trend_levels', 'fitted'), 1e-9);
    expectClose(groupedTrendHatValues(fit, design), reference('trend_levels', 'hat'), 1e-9);
    expectClose([dispersion], reference('trend_levels', 'dispersion'), 1e-9);
    expect(fit.iterations).toBe(reference('trend_levels', 'iterations')[0]);
    const prediction = groupedTrendPrediction(fit, 1, 160);
    expectClose(
      [prediction.eta, prediction.unscaledStandardError * Math.sqrt(dispersion)],
      reference('trend_levels', 'predict_link'),
      1e-9,
    );
    expectClose([fit.slope], [reference('trend_levels', 'coefficients')[1] ?? null], 1e-9);
  });

  it('reproduces R with prior weights and without trend', () => {
    const weighted = fitGroupedTrendGlm(
      { response, level: levelIndex, levelCount: 4, time },
      Float64Array.from(priorWeights),
    );
    expectClose(weighted.mu, reference('trend_levels_weighted', 'fitted'), 1e-9);
    const noTrend = fitGroupedTrendGlm({ response, level: levelIndex, levelCount: 4, time: null });
    expectClose(noTrend.mu, reference('levels', 'fitted'), 1e-9);
  });

  it('agrees with the general QR-based IRLS on arbitrary count data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 40 }), { minLength: 24, maxLength: 80 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (counts, levelCount, withTrend) => {
          const size = counts.length;
          const levels = Int32Array.from(counts, (_, i) => i % levelCount);
          const time = Float64Array.from(counts, (_, i) => 100 + 3 * i);
          const weights = Float64Array.from(counts, (_, i) => 0.5 + ((i * 7) % 5) / 3);
          const design = {
            response: Float64Array.from(counts),
            level: levels,
            levelCount,
            time: withTrend ? time : null,
          };
          const fast = fitGroupedTrendGlm(design, weights);
          const columns: number[][] = [new Array<number>(size).fill(1)];
          if (withTrend) columns.push([...time]);
          for (let g = 1; g < levelCount; g++) columns.push([...levels].map((l) => (l === g ? 1 : 0)));
          const general = fitGlm(columns, counts, { family: quasiPoissonFamily, priorWeights: weights });
          if (general.iterations !== fast.iterations || general.converged !== fast.converged) return false;
          const hatGeneral = hatValues(general);
          const hatFast = groupedTrendHatValues(fast, design);
          for (let i = 0; i < size; i++) {
            const scale = Math.max(1e-6, general.mu[i] ?? 0);
            if (Math.abs((fast.mu[i] ?? 0) - (general.mu[i] ?? 0)) > 1e-7 * scale) return false;
            if (Math.abs((hatFast[i] ?? 0) - (hatGeneral[i] ?? 0)) > 1e-7) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
