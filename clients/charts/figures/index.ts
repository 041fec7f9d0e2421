export * from './common.js';
export * from './types.js';
export * from './legislation-status-world.js';
export * from './treaties.js';
export * from './technical-assistance.js';
export * from './contributions.js';
export * from './coordination.js';
