import {useEffect, useMemo, useState} from 'react';
import type {EventBus} from '../../core/events/index.js';
import {LogBook} from '../../core/snapshot/index.js';

/** A LogBook following `bus` for as long as the component lives. */
export function useLogBook(bus: EventBus): LogBook {
	const book = useMemo(() => new LogBook(bus), [bus]);
	useEffect(() => () => book.close(), [book]);
	return book;
}

/**
 * A counter that changes when process `id` prints, at most every `intervalMs`: what a log pane
 * re-renders on, however fast the process writes.
 */
export function useLogVersion(book: LogBook, id: number | undefined, intervalMs = 100): number {
	const [version, setVersion] = useState(0);
	useEffect(() => {
		if (id === undefined) return;
		let timer: NodeJS.Timeout | undefined;
		const unsubscribe = book.subscribe((printed) => {
			if (printed !== id || timer) return;
			timer = setTimeout(() => {
				timer = undefined;
				setVersion((current) => current + 1);
			}, intervalMs);
		});
		return () => {
			clearTimeout(timer);
			unsubscribe();
		};
	}, [book, id, intervalMs]);
	return version;
}
