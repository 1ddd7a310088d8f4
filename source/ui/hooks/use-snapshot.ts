import {useMemo, useSyncExternalStore} from 'react';
import type {Snapshot, SnapshotStore} from '../../core/snapshot/index.js';

/** At most this many renders a second, however fast events arrive. */
export const maxFramesPerSecond = 30;

/**
 * The store's snapshot, re-read at most `maxFramesPerSecond` times a second: a flood of events
 * costs reducer work, not renders.
 */
export function useSnapshot(store: SnapshotStore): Snapshot {
	const subscribe = useMemo(
		() => (onChange: () => void) => {
			const interval = 1000 / maxFramesPerSecond;
			let timer: NodeJS.Timeout | undefined;
			let last = 0;
			const unsubscribe = store.subscribe(() => {
				if (timer) return;
				const wait = Math.max(0, last + interval - performance.now());
				timer = setTimeout(() => {
					timer = undefined;
					last = performance.now();
					onChange();
				}, wait);
			});
			return () => {
				clearTimeout(timer);
				unsubscribe();
			};
		},
		[store],
	);
	return useSyncExternalStore(subscribe, store.getSnapshot);
}
