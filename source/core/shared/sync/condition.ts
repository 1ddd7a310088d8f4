import {checkTimeout, checkWholeNumber} from '../../util/validate.js';
import {Lock} from '../lock.js';
import type {SharedOptions} from '../options.js';
import {Acquirable} from './acquirable.js';
import {RLock} from './rlock.js';

/**
 * A condition variable, like Python's `multiprocessing.Condition`: a lock (an RLock of its own,
 * or the Lock or RLock given) and a line of waiters. `wait` lets go of the lock, waits for a
 * `notify`, and takes the lock again before it returns; `wait` and `notify` without holding the
 * lock throw LockReleaseError (Python's RuntimeError).
 */
export class Condition extends Acquirable {
	constructor(lock?: Lock | RLock, options: SharedOptions = {}) {
		super('Condition', options, () => {
			if (lock !== undefined && !(lock instanceof Lock) && !(lock instanceof RLock))
				throw new TypeError('Condition(lock): lock must be a Lock or an RLock');
			return {kind: 'condition', ...(lock ? {lockId: lock.id} : {})};
		});
	}

	async release(): Promise<void> {
		await this.call('release');
	}

	releaseSync(): void {
		this.callSync('release');
	}

	/** Waits for a notify (true) or for `timeoutMs` (false); holds the lock again either way. */
	async wait(timeoutMs?: number): Promise<boolean> {
		checkTimeout(`${this.name}.wait()`, timeoutMs);
		return (await this.call('wait', timeoutMs)) as boolean;
	}

	/**
	 * Waits until `predicate()` is true, checking it first and after each notify; returns its
	 * last result (false-y when `timeoutMs` ran out).
	 */
	async waitFor<T>(predicate: () => T | Promise<T>, timeoutMs?: number): Promise<T> {
		checkTimeout(`${this.name}.waitFor()`, timeoutMs);
		const end = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
		let result = await predicate();
		while (!result) {
			const left = end === undefined ? undefined : Math.max(0, end - performance.now());
			if (left === 0) break;
			await this.wait(left);
			result = await predicate();
		}
		return result;
	}

	/** Wakes the first `n` waiters (1 by default); returns how many it woke. */
	async notify(n = 1): Promise<number> {
		checkWholeNumber(`${this.name}.notify()`, 'n', n, 0);
		return (await this.call('notify', n)) as number;
	}

	/** Wakes every waiter. */
	async notifyAll(): Promise<number> {
		return (await this.call('notifyAll')) as number;
	}

	waitSync(timeoutMs?: number): boolean {
		checkTimeout(`${this.name}.waitSync()`, timeoutMs);
		return this.callSync('wait', timeoutMs) as boolean;
	}

	notifySync(n = 1): number {
		checkWholeNumber(`${this.name}.notifySync()`, 'n', n, 0);
		return this.callSync('notify', n) as number;
	}

	notifyAllSync(): number {
		return this.callSync('notifyAll') as number;
	}
}
