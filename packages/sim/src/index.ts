/**
 * @shuzhi/sim: a synthetic city (Zhuzhou) with an epidemic and its ground truth — residents, visitors and
 * travellers, venues and transport, presence events, SEIR natural history, transmission at home and by
 * co-presence, testing, case reports, indicators and dirty data — for the demo, the tests and benchmarks.
 */
export { CitySimulation, simulateCity, type DayOutput, type SimulationResult } from './simulation.js';
export { demoCity, demoCityOptions, type DemoCityOptions } from './demo-city.js';
export {
  resolveOptions,
  strainOf,
  defaultOptions,
  type SimulationInput,
  type SimulationOptions,
} from './options.js';
export { strainPresets, type StrainName, type StrainParameters } from './strains.js';
export {
  writeSimulation,
  SimulationWriter,
  presenceHeaders,
  placeIdOf,
  type WrittenCounts,
} from './write-simulation.js';
export {
  VisitFlag,
  type DayPresence,
  type VisitColumns,
  type TripColumns,
  type GateColumns,
} from './day-presence.js';
export { indicatorNames, type IndicatorName, type IndicatorRow } from './indicators.js';
export { PlaceKind, placeKindNames, NONE } from './epidemic-state.js';
export { clusterMembers, type PlantedCluster, type ClusterMember } from './planted-cluster.js';
export {
  isValidResidentId,
  makeResidentId,
  readResidentId,
  residentIdCheckCharacter,
} from './resident-id.js';
export { identifierSystems, areaCodeExtensionUrl } from './fhir-resources.js';
export { sampleIntervals, eulerLotkaGrowthRate, logLinearGrowthRate } from './epidemic-theory.js';
export { PersonKind, Role } from './population.js';
export type { SyntheticCity } from './city.js';
export type { Stay, TravellerRecord } from './visitors.js';
