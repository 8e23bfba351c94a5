/** @shuzhi/tracing: contact finding (close and secondary contacts), transmission chains and clusters. */
export * from './core/index.js';
export * from './chains/index.js';
// The platform side: presence storage and imports, the live index, workflow and clusters.
export { tracingMigrations } from './tracing.migrations.js';
export { createTracingModule } from './tracing.module.js';
export type { TracingModule, TracingModuleDeps, TracingModuleOptions } from './tracing.module.js';
export { hubCases } from './workflow/hub-cases.js';
export { caseWindow } from './workflow/case-window.js';
export type { HubCase, TraceRequest, TraceRun, TraceSubject } from './workflow/trace.service.js';
export { tracingRoutes } from './workflow/tracing.routes.js';
export * from './workflow/workflow.schema.js';
export * from './clusters/clusters.schema.js';
export type { ClusterComputation, ClusterGraph, ClusterView } from './clusters/clusters.service.js';
