import {checkObject, checkTimeout, checkWholeNumber} from '../../util/validate.js';
import type {SharedOptions} from '../options.js';
import {SyncObject} from './base.js';

/** Options of Barrier. */
export type BarrierOptions = SharedOptions & {
	/** Run once per fill, in the owner, before the parties leave; if it throws, the barrier breaks. */
	readonly action?: () => unknown;
	/** The default timeout of every `wait`. */
	readonly timeoutMs?: number;
};

/**
 * A meeting point for `parties` processes and threads, like Python's `multiprocessing.Barrier`:
 * `wait` returns once all have arrived, with a distinct index 0 … parties − 1 (arrival order).
 * A timeout, `abort()` or `reset()` throws BrokenBarrierError to every waiter; so does the death
 * of the parties it still needs, at once, where Python's would wait for its timeout (or forever).
 */
export class Barrier extends SyncObject {
	constructor(parties: number, options: BarrierOptions = {}) {
		checkObject('Barrier()', options);
		super(
			'Barrier',
			options,
			() => {
				checkWholeNumber('Barrier()', 'parties', parties, 1);
				checkTimeout('Barrier()', options.timeoutMs);
				if (options.action !== undefined && typeof options.action !== 'function')
					throw new TypeError('Barrier(): action must be a function');
				return {kind: 'barrier', parties, timeoutMs: options.timeoutMs};
			},
			parties,
		);
		if (this.orchestrator && options.action)
			this.orchestrator.shared.sync.setBarrierAction(this.id, options.action);
	}

	/** How many must meet. */
	get parties(): number {
		return this.fixedSize ?? 0;
	}

	/** Waits for the others; resolves with this party's index. */
	async wait(timeoutMs?: number): Promise<number> {
		checkTimeout(`${this.name}.wait()`, timeoutMs);
		return (await this.call('wait', timeoutMs)) as number;
	}

	/** `wait` that blocks the Thread; only in a Thread. */
	waitSync(timeoutMs?: number): number {
		checkTimeout(`${this.name}.waitSync()`, timeoutMs);
		return this.callSync('wait', timeoutMs) as number;
	}

	/** Breaks it: every waiter, and every later `wait`, throws BrokenBarrierError. */
	async abort(): Promise<void> {
		await this.call('abort');
	}

	/** Back to empty and unbroken; whoever waits now throws BrokenBarrierError. */
	async reset(): Promise<void> {
		await this.call('reset');
	}

	/** How many wait now. */
	async nWaiting(): Promise<number> {
		return (await this.call('nWaiting')) as number;
	}

	async broken(): Promise<boolean> {
		return (await this.call('broken')) as boolean;
	}
}
