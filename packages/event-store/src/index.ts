export type * from './types.js';
export * from './errors.js';
export * from './canonical.js';
export * from './hash-chain.js';
export * from './envelope.js';
export * from './position.js';
