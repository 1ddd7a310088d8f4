/** The event bus, the map of every event, and the payload types they carry. */
export * from './bus.js';
export type * from './map.js';
export type * from './pool.js';
export type * from './report.js';
export type * from './sync.js';
export type * from './types.js';
