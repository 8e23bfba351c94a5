/**
 * @shuzhi/core: what every module shares — errors, clock, time, ids, configuration, roles and purposes,
 * and the guard every outbound request to a registered URL goes through (net/).
 */
export * from './errors.js';
export * from './refusal-reasons.js';
export * from './validation-reasons.js';
export * from './zod-issues.js';
export * from './clock.js';
export * from './time.js';
export * from './ids.js';
export * from './config.js';
export * from './roles.js';
export * from './lists.js';
export * from './access.js';
export * from './scrub.js';
export * from './disclosure.js';
export * from './event-loop.js';
export * from './net/public-destination.js';
export * from './net/outbound-fetch.js';
