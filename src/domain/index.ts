export * from './time.js';
export * from './market.js';
export * from './status.js';
export * from './signals.js';
export * from './context.js';
