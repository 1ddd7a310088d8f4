/** How `useSyncExternalStore` subscribes: `onChange` is called when the value may have changed. */
export type Subscribe = (onChange: () => void) => () => void;

/**
 * `subscribe` with its listener called at most once per `intervalMs`, however often the source
 * changes: a fast stream costs the source's own work, and one render per interval. Pass the result
 * to `useSyncExternalStore`, memoized on the source, so it is not subscribed again at each render.
 */
export function throttle(subscribe: Subscribe, intervalMs: number): Subscribe {
	return (onChange) => {
		let timer: NodeJS.Timeout | undefined;
		const unsubscribe = subscribe(() => {
			if (timer) return;
			timer = setTimeout(() => {
				timer = undefined;
				onChange();
			}, intervalMs);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	};
}

/** What `useSyncExternalStore` reads: how to hear of changes, and the value now. */
export type ExternalStore<T> = {
	readonly subscribe: Subscribe;
	readonly getSnapshot: () => T;
};

/**
 * A store whose value is `read()` as it was when its listener was last told (throttled as
 * `throttle` does), not at every render: a frame drawn for another reason shows what the last
 * tell left, and React, which compares the value after each commit, sees no change to draw again
 * for. `read` returns the same value while the source has not changed.
 */
export function throttledStore<T>(
	subscribe: Subscribe,
	read: () => T,
	intervalMs: number,
): ExternalStore<T> {
	let value = read();
	const throttled = throttle(subscribe, intervalMs);
	return {
		subscribe: (onChange) =>
			throttled(() => {
				value = read();
				onChange();
			}),
		getSnapshot: () => value,
	};
}
