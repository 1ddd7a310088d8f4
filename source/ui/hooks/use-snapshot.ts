import {useMemo, useSyncExternalStore} from 'react';
import type {Snapshot, SnapshotStore} from '../../core/snapshot/index.js';
import {throttle} from './throttled-store.js';

/** At most this many renders a second, however fast events arrive. */
export const maxFramesPerSecond = 30;

/**
 * The store's snapshot, re-read at most `maxFramesPerSecond` times a second: a flood of events
 * costs reducer work, not renders. An event is drawn a frame's interval after it came, with the
 * others that came meanwhile, even after a quiet spell: the burst that starts a lesson (its
 * processes' first puts and gets, answered by the broker on this same thread) is not held up by a
 * frame drawn in its middle. Drawn at once, that frame put producer-consumer's clock in the
 * dashboard 30 ms behind its clock headless (1.12 s against 1.09 s).
 */
export function useSnapshot(store: SnapshotStore): Snapshot {
	const subscribe = useMemo(() => throttle(store.subscribe, 1000 / maxFramesPerSecond), [store]);
	return useSyncExternalStore(subscribe, store.getSnapshot);
}
