import {useMemo, useSyncExternalStore} from 'react';
import type {Snapshot, SnapshotStore} from '../../core/snapshot/index.js';
import {throttle} from './throttled-store.js';

/** At most this many renders a second, however fast events arrive. */
export const maxFramesPerSecond = 30;

/**
 * The store's snapshot, re-read at most `maxFramesPerSecond` times a second: a flood of events
 * costs reducer work, not renders. The first event after a quiet spell is drawn at once.
 */
export function useSnapshot(store: SnapshotStore): Snapshot {
	const subscribe = useMemo(
		() => throttle(store.subscribe, 1000 / maxFramesPerSecond, {leading: true}),
		[store],
	);
	return useSyncExternalStore(subscribe, store.getSnapshot);
}
