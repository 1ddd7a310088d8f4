import {AbortError} from '../errors.js';
import type {MapOptions} from './options.js';

/**
 * Watches a call's `signal` and `timeoutMs`: `cancel` gets the AbortError once either fires.
 * Returns what stops watching, for when the call has settled. A signal already aborted throws
 * the AbortError at once, before anything is queued.
 */
export function watchCancel(
	method: string,
	pool: string,
	{signal, timeoutMs}: Pick<MapOptions, 'signal' | 'timeoutMs'> = {},
	cancel: (error: AbortError) => void,
): () => void {
	const aborted = () =>
		new AbortError(`${method} on ${pool} was aborted`, 'aborted', {cause: signal?.reason});
	if (signal?.aborted) throw aborted();
	let watching = true;
	const fire = (error: AbortError) => {
		if (!watching) return;
		stop();
		cancel(error);
	};
	const onAbort = () => fire(aborted());
	signal?.addEventListener('abort', onAbort, {once: true});
	// The pool keeps the program alive while the call has tasks; the timer need not.
	const timer =
		timeoutMs === undefined
			? undefined
			: setTimeout(
					() =>
						fire(new AbortError(`${method} on ${pool} timed out after ${timeoutMs} ms`, 'timeout')),
					timeoutMs,
				).unref();
	function stop(): void {
		watching = false;
		signal?.removeEventListener('abort', onAbort);
		clearTimeout(timer);
	}
	return stop;
}
