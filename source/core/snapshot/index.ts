/**
 * The snapshot: pure reducers from (Snapshot, event) to Snapshot, the store that folds a bus into
 * one, and the per-process log book. The one door through which the UI and the headless summary
 * read state.
 */
export * from './logs.js';
export * from './pool-history.js';
export * from './pool-rates.js';
export * from './pools.js';
export * from './processes.js';
export * from './queues.js';
export * from './reduce.js';
export * from './shared.js';
export * from './store.js';
export * from './sync.js';
export * from './waits.js';
