/**
 * Benchmark: the early-warning statistics at district scale — EARS C1/C2/C3 and farringtonFlexible with
 * the Noufaily et al. (2013) settings over many 6-year weekly series, and EpiEstim-style Rt over many
 * districts' daily incidence — against R (`surveillance`, `EpiEstim`) on the same data in the same run,
 * comparing alarms. Without R, the baseline is R's own dense-QR IRLS algorithm run in TypeScript.
 * Prints a Markdown section.
 *
 *   node --import tsx bench/surveillance.ts [--quick] [--series N] [--districts N] [--days D]
 *        [--r-flexible-series N] [--seed S] [--no-r] [--r]
 *
 * --quick runs a tiny size in a few seconds and skips R (starting R and its packages alone takes
 * several seconds) unless --r is given.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  discretisedSerialInterval,
  earsC,
  estimateR,
  farringtonFlexible,
  incidenceFromCounts,
  type CountSeries,
  type DetectionPoint,
  type EarsMethod,
  type FarringtonFlexibleControl,
} from '../modules/surveillance/src/index.js';
import { numberOption } from './lib/options.js';

// ---------------------------------------------------------------------------------------------------
// Options (flags meant for other benchmarks are ignored)

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number): number =>
  numberOption(args, name, fallback, { positive: true });
const seriesCount = option('--series', quick ? 20 : 3000);
const districtCount = option('--districts', quick ? 20 : 3000);
const days = option('--days', quick ? 60 : 150);
const rFlexibleSeries = Math.min(seriesCount, option('--r-flexible-series', quick ? 2 : 300));
const denseSeries = Math.min(seriesCount, quick ? 2 : 100);
const seed = option('--seed', 20240601);
const weeks = 312;
const noufaily: Partial<FarringtonFlexibleControl> = {
  noPeriods: 10,
  b: 4,
  w: 3,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
  alpha: 0.05,
  limit54: [5, 4],
};
const serialInterval = { meanSi: 4.8, stdSi: 2.3 };

// ---------------------------------------------------------------------------------------------------
// Synthetic data (seeded): Noufaily-style negative binomial weekly series with outbreaks, and daily
// incidence from a renewal process

/** mulberry32: a small 32-bit generator, enough for reproducible synthetic data. */
function generator(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(seed);
function normal(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
/** Marsaglia & Tsang (2000) gamma variate with unit scale. */
function gamma(shape: number): number {
  if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
function poisson(lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}
/** NB with mean μ and variance φμ as a gamma–Poisson mixture. */
function negativeBinomial(mu: number, phi: number): number {
  return poisson(gamma(mu / (phi - 1)) * (phi - 1));
}

function weeklySeries(): number[] {
  const theta = 0.5 + 3 * random();
  const beta = [0, 0.001, 0.003][Math.floor(3 * random())] ?? 0;
  const [g1, g2] = [0.8 * random(), 0.8 * random()];
  const phi = [1.5, 2, 3, 5][Math.floor(4 * random())] ?? 2;
  const counts = Array.from({ length: weeks }, (_, i) => {
    const t = i + 1;
    const mu = Math.exp(
      theta + beta * t + g1 * Math.cos((2 * Math.PI * t) / 52) + g2 * Math.sin((2 * Math.PI * t) / 52),
    );
    return negativeBinomial(mu, phi);
  });
  if (random() < 0.5) {
    // An outbreak of a few weeks in the monitored last two years, 3–10 baseline SDs in total.
    const start = 212 + Math.floor(95 * random());
    const size = Math.round((3 + 7 * random()) * Math.sqrt(Math.exp(theta) * phi));
    for (let j = 0; j < size; j++) {
      const week = Math.min(weeks - 1, start + Math.floor(4 * random()));
      counts[week] = (counts[week] ?? 0) + 1;
    }
  }
  return counts;
}

function dailyIncidence(si: number[]): number[] {
  const counts = [1 + Math.floor(10 * random())];
  const turn = Math.floor(days * (0.3 + 0.4 * random()));
  const [before, after] = [1.1 + 0.6 * random(), 0.6 + 0.4 * random()];
  for (let t = 1; t < days; t++) {
    let infectivity = 0;
    for (let s = 1; s <= t; s++) infectivity += (si[s] ?? 0) * (counts[t - s] ?? 0);
    counts.push(poisson(Math.min(5000, (t < turn ? before : after) * infectivity) + 0.2));
  }
  return counts;
}

const weekly = Array.from({ length: seriesCount }, weeklySeries);
const si = discretisedSerialInterval(
  Array.from({ length: days + 1 }, (_, k) => k),
  serialInterval.meanSi,
  serialInterval.stdSi,
);
const incidence = Array.from({ length: districtCount }, () => dailyIncidence(si));

// ---------------------------------------------------------------------------------------------------
// TypeScript runs

/** Elapsed and CPU seconds (user + system) of a piece of work. */
function time<T>(work: () => T): { result: T; seconds: number; cpu: number } {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = work();
  const cpuUsed = process.cpuUsage(cpuStart);
  return { result, seconds: (performance.now() - start) / 1000, cpu: (cpuUsed.user + cpuUsed.system) / 1e6 };
}
const asSeries = (observed: number[]): CountSeries => ({ observed, frequency: 52 });
const methods: EarsMethod[] = ['C1', 'C2', 'C3'];

// Warm the JIT on a few series so that timings reflect steady-state code, as R's are.
for (const observed of weekly.slice(0, 3)) {
  for (const method of methods) earsC(asSeries(observed), { method });
  farringtonFlexible(asSeries(observed), { ...noufaily, range: [300, 312] });
}

const tsEars = time(() =>
  weekly.map((observed) => methods.map((method) => earsC(asSeries(observed), { method }).points)),
);
const tsFlexibleSubset = time(() =>
  weekly.slice(0, rFlexibleSeries).map((observed) => farringtonFlexible(asSeries(observed), noufaily).points),
);
const tsFlexible = time(() =>
  weekly.map((observed) => farringtonFlexible(asSeries(observed), noufaily).points),
);
const tsDense = time(() =>
  weekly
    .slice(0, denseSeries)
    .map((observed) => farringtonFlexible(asSeries(observed), noufaily, { solver: 'dense-qr' }).points),
);
const tsDenseGrouped = time(() =>
  weekly.slice(0, denseSeries).map((observed) => farringtonFlexible(asSeries(observed), noufaily).points),
);
const tsRt = time(() =>
  incidence.map(
    (counts) =>
      estimateR(incidenceFromCounts(counts), { method: 'parametric_si', ...serialInterval }).windows,
  ),
);

// ---------------------------------------------------------------------------------------------------
// R on the same data

interface RRun {
  version: string;
  seconds: Record<string, number>;
  earsAlarms: Record<string, string[][]>;
  flexibleAlarms: string[][];
  flexibleUpper: string[][];
  rtMean: string[][];
}

const R_SCRIPT = String.raw`
suppressPackageStartupMessages({ library(surveillance); library(EpiEstim) })
args <- commandArgs(trailingOnly = TRUE); dir <- args[1]; nFlex <- as.integer(args[2])
x <- as.matrix(read.csv(file.path(dir, "weekly.csv"), check.names = FALSE))
s <- sts(observed = x, start = c(2000, 1), frequency = 52)
times <- c()
for (m in c("C1", "C2", "C3")) {
  st <- system.time(r <- earsC(s, control = list(method = m)))
  times[paste0("ears_", m)] <- st[["elapsed"]]
  times[paste0("ears_", m, "_cpu")] <- st[["user.self"]] + st[["sys.self"]]
  a <- alarms(r) * 1L; a[is.na(a)] <- -1L
  write.table(a, file.path(dir, paste0("ears_", m, ".csv")), sep = ",", row.names = FALSE, col.names = FALSE)
}
con <- list(noPeriods = 10, b = 4, w = 3, weightsThreshold = 2.58, pastWeeksNotIncluded = 26,
            pThresholdTrend = 1, thresholdMethod = "nbPlugin", alpha = 0.05, limit54 = c(5, 4),
            glmWarnings = FALSE)
st <- system.time(r <- farringtonFlexible(s[, seq_len(nFlex)], control = con))
times["flexible"] <- st[["elapsed"]]
times["flexible_cpu"] <- st[["user.self"]] + st[["sys.self"]]
a <- alarms(r) * 1L; a[is.na(a)] <- -1L
write.table(a, file.path(dir, "flexible_alarm.csv"), sep = ",", row.names = FALSE, col.names = FALSE)
write.table(upperbound(r), file.path(dir, "flexible_upper.csv"), sep = ",", row.names = FALSE, col.names = FALSE)
I <- as.matrix(read.csv(file.path(dir, "daily.csv"), check.names = FALSE))
cfg <- suppressMessages(make_config(incid = I[, 1], method = "parametric_si",
                                    config = list(mean_si = 4.8, std_si = 2.3)))
st <- system.time(rt <- lapply(seq_len(ncol(I)), function(j)
  suppressWarnings(estimate_R(I[, j], method = "parametric_si", config = cfg))$R[["Mean(R)"]]))
times["rt"] <- st[["elapsed"]]
times["rt_cpu"] <- st[["user.self"]] + st[["sys.self"]]
write.table(do.call(cbind, rt), file.path(dir, "rt_mean.csv"), sep = ",", row.names = FALSE, col.names = FALSE,
            na = "NA")
write.csv(data.frame(name = names(times), seconds = as.numeric(times)), file.path(dir, "times.csv"), row.names = FALSE)
cat(R.version.string, as.character(packageVersion("surveillance")), as.character(packageVersion("EpiEstim")), "\n")
`;

function csvMatrix(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

function runR(): RRun | string {
  if (args.includes('--no-r')) return 'skipped (--no-r)';
  if (quick && !args.includes('--r')) return 'skipped in --quick (add --r to include it)';
  const probe = spawnSync(
    'Rscript',
    [
      '-e',
      'cat(requireNamespace("surveillance", quietly = TRUE) && requireNamespace("EpiEstim", quietly = TRUE))',
    ],
    {
      encoding: 'utf8',
    },
  );
  if (probe.error || !probe.stdout.includes('TRUE'))
    return 'skipped: Rscript with surveillance and EpiEstim is not installed';
  const dir = mkdtempSync(join(os.tmpdir(), 'shuzhi-bench-surveillance-'));
  try {
    const header = weekly.map((_, j) => `s${j + 1}`).join(',');
    const rows = Array.from({ length: weeks }, (_, i) => weekly.map((series) => series[i]).join(','));
    writeFileSync(join(dir, 'weekly.csv'), [header, ...rows].join('\n'));
    const dailyHeader = incidence.map((_, j) => `d${j + 1}`).join(',');
    const dailyRows = Array.from({ length: days }, (_, i) => incidence.map((series) => series[i]).join(','));
    writeFileSync(join(dir, 'daily.csv'), [dailyHeader, ...dailyRows].join('\n'));
    writeFileSync(join(dir, 'bench.R'), R_SCRIPT);
    const run = spawnSync('Rscript', [join(dir, 'bench.R'), dir, String(rFlexibleSeries)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (run.status !== 0) return `failed: ${run.stderr.split('\n').slice(-5).join(' ')}`;
    const seconds: Record<string, number> = {};
    for (const [name, value] of csvMatrix(join(dir, 'times.csv')).slice(1)) {
      seconds[(name ?? '').replaceAll('"', '')] = Number(value);
    }
    return {
      version: run.stdout.trim().split('\n').at(-1) ?? '',
      seconds,
      earsAlarms: Object.fromEntries(methods.map((m) => [m, csvMatrix(join(dir, `ears_${m}.csv`))])),
      flexibleAlarms: csvMatrix(join(dir, 'flexible_alarm.csv')),
      flexibleUpper: csvMatrix(join(dir, 'flexible_upper.csv')),
      rtMean: csvMatrix(join(dir, 'rt_mean.csv')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const r = runR();

// ---------------------------------------------------------------------------------------------------
// Agreement

/** Share of cells where our alarm equals R's (R: 1/0/-1 for NA; ours true/false/null). */
function alarmAgreement(points: DetectionPoint[][], rRows: string[][]): { same: number; total: number } {
  let same = 0;
  let total = 0;
  points.forEach((seriesPoints, j) => {
    seriesPoints.forEach((point, i) => {
      const cell = rRows[i]?.[j];
      const theirs = cell === '1' ? true : cell === '0' ? false : null;
      total++;
      if (theirs === point.alarm) same++;
    });
  });
  return { same, total };
}

function maxRelative(ours: (number | null)[][], theirs: string[][]): number {
  let worst = 0;
  ours.forEach((column, j) =>
    column.forEach((value, i) => {
      const cell = theirs[i]?.[j];
      if (value === null || cell === undefined || cell === 'NA') return;
      const other = Number(cell);
      worst = Math.max(worst, Math.abs(value - other) / Math.max(1e-12, Math.abs(other)));
    }),
  );
  return worst;
}

// ---------------------------------------------------------------------------------------------------
// Report

const f = (seconds: number): string =>
  seconds >= 10 ? seconds.toFixed(1) : seconds >= 1 ? seconds.toFixed(2) : seconds.toFixed(3);
const both = (elapsed: number, cpu: number): string => `${f(elapsed)} s (${f(cpu)} s)`;
const ratio = (base: number, ours: number): string => `${(base / ours).toFixed(1)}×`;
const pct = (same: number, total: number): string =>
  `${((100 * same) / total).toFixed(3)} % (${same}/${total})`;
const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
const lines: string[] = [];
lines.push('## Early-warning statistics (surveillance)', '');
lines.push(
  `EARS C1/C2/C3 and farringtonFlexible (Noufaily et al. 2013 settings: noPeriods 10, b 4, w 3, weightsThreshold 2.58, pastWeeksNotIncluded 26, pThresholdTrend 1, nbPlugin, α 0.05) over ${seriesCount} simulated weekly series of ${weeks} weeks (negative binomial with trend, seasonality and injected outbreaks; monitored weeks 212–312 for farringtonFlexible, R's default ranges for EARS), and Rt (EpiEstim parametric_si, mean SI ${serialInterval.meanSi}, sd ${serialInterval.stdSi}, weekly sliding windows) over ${districtCount} districts × ${days} days from a renewal process. Baseline: R on the same data in the same run (system.time around the calls only); farringtonFlexible in R on the first ${rFlexibleSeries} series (R takes about a second per series), compared with Shuzhi on the same ${rFlexibleSeries}. Times are elapsed seconds with CPU seconds (user + system) in parentheses; the speed-up is the ratio of CPU times, which a shared, loaded machine disturbs less than elapsed times.`,
  '',
);
lines.push(
  `Command: \`node --import tsx bench/surveillance.ts${quick ? ' --quick' : ''}\` (seed ${seed})`,
  '',
);
lines.push(
  `Machine: ${cpuModel}, ${os.cpus().length} vCPU, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at the end ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}${typeof r === 'string' ? '' : `, ${r.version}`}; single-threaded on both sides.`,
  '',
);
lines.push(
  '| workload | size | Shuzhi | R | speed-up (CPU) | agreement with R |',
  '| --- | --- | ---: | ---: | ---: | --- |',
);
if (typeof r === 'string') {
  lines.push(
    `| EARS C1+C2+C3 | ${seriesCount} series | ${both(tsEars.seconds, tsEars.cpu)} | — | — | R ${r} |`,
  );
  lines.push(
    `| farringtonFlexible (Noufaily) | ${seriesCount} series × 101 weeks | ${both(tsFlexible.seconds, tsFlexible.cpu)} | — | — | — |`,
  );
  lines.push(
    `| Rt (Cori et al. 2013) | ${districtCount} districts × ${days} days | ${both(tsRt.seconds, tsRt.cpu)} | — | — | — |`,
  );
} else {
  const sum = (suffix: string): number =>
    methods.reduce((total, m) => total + (r.seconds[`ears_${m}${suffix}`] ?? 0), 0);
  const earsAgreement = methods
    .map((m, k) =>
      alarmAgreement(
        tsEars.result.map((perMethod) => perMethod[k] ?? []),
        r.earsAlarms[m] ?? [],
      ),
    )
    .reduce((a, b) => ({ same: a.same + b.same, total: a.total + b.total }));
  const flexibleAgreement = alarmAgreement(tsFlexibleSubset.result, r.flexibleAlarms);
  const flexibleUpper = maxRelative(
    tsFlexibleSubset.result.map((points) => points.map((p) => p.upperbound)),
    r.flexibleUpper,
  );
  const rtWorst = maxRelative(
    tsRt.result.map((windows) => windows.map((w) => w.mean)),
    r.rtMean,
  );
  const seconds = (name: string): number => r.seconds[name] ?? Number.NaN;
  lines.push(
    `| EARS C1+C2+C3 | ${seriesCount} series | ${both(tsEars.seconds, tsEars.cpu)} | ${both(sum(''), sum('_cpu'))} | ${ratio(sum('_cpu'), tsEars.cpu)} | identical alarms ${pct(earsAgreement.same, earsAgreement.total)} |`,
  );
  lines.push(
    `| farringtonFlexible (Noufaily) | ${rFlexibleSeries} series × 101 weeks | ${both(tsFlexibleSubset.seconds, tsFlexibleSubset.cpu)} | ${both(seconds('flexible'), seconds('flexible_cpu'))} | ${ratio(seconds('flexible_cpu'), tsFlexibleSubset.cpu)} | identical alarms ${pct(flexibleAgreement.same, flexibleAgreement.total)}; upper bounds max rel. diff ${flexibleUpper.toExponential(1)} |`,
  );
  lines.push(
    `| farringtonFlexible (Noufaily) | ${seriesCount} series × 101 weeks | ${both(tsFlexible.seconds, tsFlexible.cpu)} | ≈ ${f((seconds('flexible_cpu') * seriesCount) / rFlexibleSeries)} s CPU (extrapolated) | — | — |`,
  );
  lines.push(
    `| Rt (Cori et al. 2013) | ${districtCount} districts × ${days} days | ${both(tsRt.seconds, tsRt.cpu)} | ${both(seconds('rt'), seconds('rt_cpu'))} | ${ratio(seconds('rt_cpu'), tsRt.cpu)} | posterior means max rel. diff ${rtWorst.toExponential(1)} |`,
  );
}
lines.push(
  '',
  `In-run baseline without R: R's own algorithm (dense Householder-QR IRLS, as glm.fit) in TypeScript on ${denseSeries} series takes ${both(tsDense.seconds, tsDense.cpu)} against ${both(tsDenseGrouped.seconds, tsDenseGrouped.cpu)} for the O(n) grouped solver (${ratio(tsDense.cpu, tsDenseGrouped.cpu)} in CPU time), with the same results. farringtonFlexible per evaluation (series-week): ${((1e6 * tsFlexible.cpu) / (seriesCount * 101)).toFixed(0)} µs CPU.`,
);
if (typeof r === 'string') lines.push('', `R comparison ${r}.`);
process.stdout.write(`${lines.join('\n')}\n`);
