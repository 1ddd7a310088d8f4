import {setTimeout as sleep} from 'node:timers/promises';

/** Resolves true after `ms`, or false as soon as `signal` aborts (at once if it has). */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
	return sleep(ms, true, {signal}).catch(() => false);
}
