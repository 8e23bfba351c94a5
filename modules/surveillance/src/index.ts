/** @shuzhi/surveillance: indicator-based early warning (aberration detection, Rt) and its CLI commands. */
export * from './stats/index.js';
export * from './commands/index.js';
export * from './signals/index.js';
export * from './ebs/index.js';
