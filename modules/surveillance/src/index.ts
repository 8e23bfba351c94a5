/** @shuzhi/surveillance: indicator-based early warning (aberration detection, Rt) and its CLI commands. */
export * from './stats/index.js';
export * from './commands/index.js';
export * from './signals/index.js';
export * from './ebs/index.js';
export { surveillanceMigrations } from './surveillance.migrations.js';
export {
  createSurveillanceModule,
  type SurveillanceModule,
  type SurveillanceModuleDeps,
  type SurveillanceModuleOptions,
} from './surveillance.module.js';
export { surveillanceRoutes } from './surveillance.routes.js';
export type { DashboardPorts, RegisteredSource } from './dashboard/dashboard.service.js';
export type { FreshnessEntry } from './dashboard/dashboard.schema.js';
