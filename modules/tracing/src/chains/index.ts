/** Transmission chains and clusters: probable infectors by serial interval, clusters of linked cases. */
export { sharedExposuresFromTraces } from './chain-inputs.js';
export type { CaseVisit, ChainCase, SharedExposure } from './chain-inputs.js';
export { defaultSerialInterval, gammaParameters, serialIntervalDensity } from './serial-interval.js';
export type { SerialInterval } from './serial-interval.js';
export { probableInfectors } from './infectors.js';
export type { CaseInfectors, InfectorCandidate, InfectorOptions } from './infectors.js';
export { findClusters } from './clusters.js';
export type { Cluster, ClusterGrowth, ClusterInput, ClusterOptions } from './clusters.js';
