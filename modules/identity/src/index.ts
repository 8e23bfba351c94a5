/** @shuzhi/identity: users, roles, sessions, API keys, the request gatekeeper and the hash-chained audit trail. */
export * from './identity.migrations.js';
export * from './identity.module.js';
export * from './identity.schema.js';
export * from './identity.routes.js';
export * from './principal.js';
export * from './gatekeeper.js';
export * from './password.js';
export * from './audit-chain.js';
export * from './audit.service.js';
export * from './auth.service.js';
export * from './users.service.js';
export * from './search-disclosure.js';
export * from './source-standing.js';
