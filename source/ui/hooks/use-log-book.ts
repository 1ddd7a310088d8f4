import {useEffect, useMemo, useSyncExternalStore} from 'react';
import type {EventBus} from '../../core/events/index.js';
import {LogBook} from '../../core/snapshot/index.js';
import {throttledStore} from './throttled-store.js';

/** A LogBook following `bus` for as long as the component lives. */
export function useLogBook(bus: EventBus): LogBook {
	const book = useMemo(() => new LogBook(bus), [bus]);
	useEffect(() => () => book.close(), [book]);
	return book;
}

/**
 * A number that changes when process `id` prints (the lines it printed in all), at most every
 * `intervalMs`: what a log pane re-renders on, however fast the process writes.
 */
export function useLogVersion(book: LogBook, id: number | undefined, intervalMs = 100): number {
	const store = useMemo(
		() =>
			throttledStore(
				(onChange) =>
					id === undefined
						? () => {}
						: book.subscribe((printed) => {
								if (printed === id) onChange();
							}),
				() => (id === undefined ? 0 : book.total(id)),
				intervalMs,
			),
		[book, id, intervalMs],
	);
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
