// Early-warning statistics mirroring R `surveillance` and `EpiEstim`: pure functions over count series.
export type { CountSeries, DetectionPoint, DetectionResult, MonitoredRange } from './series.js';
export { earsC } from './ears.js';
export type { EarsControl, EarsMethod } from './ears.js';
export { farrington } from './farrington/farrington.js';
export type {
  FarringtonControl,
  FarringtonEngineOptions,
  FarringtonFitFunction,
  FarringtonPoint,
} from './farrington/farrington.js';
export type { TrendModelSolver } from './farrington/trend-model.js';
export { farringtonFlexible } from './farrington/farrington-flexible.js';
export type {
  FarringtonFlexibleControl,
  FarringtonFlexiblePoint,
  ThresholdMethod,
} from './farrington/farrington-flexible.js';
export type { PowerTransformation } from './farrington/thresholds.js';
export { cusum } from './cusum.js';
export type { CusumControl, CusumPoint, CusumTransformation } from './cusum.js';
export { glrnb } from './glr/glrnb.js';
export type { GlrnbControl, GlrnbPoint } from './glr/glrnb.js';
export type { InControlModelSpec } from './glr/in-control-model.js';
export { estimateR, incidenceFromCounts, overallInfectivity } from './rt/estimate-r.js';
export type {
  EstimateROptions,
  EstimateRResult,
  Incidence,
  RWindow,
  SerialIntervalMethod,
} from './rt/estimate-r.js';
export { discretisedSerialInterval, serialIntervalMoments } from './rt/serial-interval.js';
export { growthRate } from './rt/growth-rate.js';
export type { GrowthRateOptions, GrowthWindow } from './rt/growth-rate.js';
export { pnorm, qnorm } from './distributions/normal.js';
export { pgamma, qgamma, dgamma } from './distributions/gamma.js';
export { pt, qt } from './distributions/student-t.js';
export { ppois, qpois } from './distributions/poisson.js';
export { pnbinom, qnbinom } from './distributions/negative-binomial.js';
