/** @shuzhi/tracing: contact finding (close and secondary contacts), transmission chains and clusters. */
export * from './core/index.js';
export * from './chains/index.js';
