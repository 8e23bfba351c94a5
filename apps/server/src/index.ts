/** @shuzhi/server: the HTTP application and the platform it serves. */
export * from './app.js';
export * from './platform.js';
export * from './server.js';
export * from './connection-failure.js';
export * from './migrations.js';
export * from './openapi.js';
export * from './openapi-document.js';
export * from './version.js';
export * from './seed/demo-accounts.js';
export * from './seed/demo-city.js';
