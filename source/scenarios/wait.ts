import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {Process} from '../core/process/process.js';

/** Resolves when `signal` aborts (at once if it already has); never rejects. */
export function untilAborted(signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) resolve();
		signal.addEventListener('abort', () => resolve(), {once: true});
	});
}

/**
 * Resolves true once `process` prints a line equal to `line` on stdout, or false when it exits
 * first or `signal` aborts. Subscribe before starting the process so that no line is missed.
 */
export function outputLine(
	orchestrator: Orchestrator,
	process: Process,
	line: string,
	signal: AbortSignal,
): Promise<boolean> {
	return new Promise((resolve) => {
		const finish = (found: boolean) => {
			unsubscribe();
			signal.removeEventListener('abort', onAbort);
			resolve(found);
		};
		const onAbort = () => finish(false);
		const unsubscribe = orchestrator.bus.subscribe((event) => {
			if (!('id' in event) || event.id !== process.id) return;
			if (event.type === 'process:output' && event.line === line) finish(true);
			else if (event.type === 'process:exited') finish(false);
		});
		if (signal.aborted) finish(false);
		else signal.addEventListener('abort', onAbort, {once: true});
	});
}
