// Pure functions behind `shuzhi detect` and `shuzhi rt`: CSV text and options in, DESIGN.md output out.
export { detectFromCsv } from './detect.js';
export type {
  DetectOptions,
  DetectOutput,
  DetectOutputPoint,
  PanelDetection,
  SingleSeriesDetection,
} from './detect.js';
export { detectionAlgorithms, isDetectionAlgorithm } from './detect-control.js';
export type { DetectionAlgorithm } from './detect-control.js';
export { rtFromCsv } from './rt.js';
export type { RtOptions, RtOutput } from './rt.js';
export { parseCsv } from './csv.js';
export type { CsvRow, CsvTable } from './csv.js';
