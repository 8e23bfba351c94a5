/** @shuzhi/hub: data sources, ingest, the master person index, provenance, the change feed and governed sharing. */
export * from './hub.migrations.js';
export * from './hub.module.js';
export * from './sources.schema.js';
export * from './sources.service.js';
export * from './sources.routes.js';
