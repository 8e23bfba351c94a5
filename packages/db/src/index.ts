/** @shuzhi/db: database connections for SQLite and PostgreSQL, the value layer, and the migrator. */
export * from './connection.js';
export * from './sqlite-busy.js';
export * from './sqlite-checkpoints.js';
export * from './values.js';
export * from './schema-types.js';
export * from './migrator.js';
export * from './pagination.js';
