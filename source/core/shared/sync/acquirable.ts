import {checkBoolean, checkTimeout} from '../../util/validate.js';
import type {AcquireOptions} from '../lock.js';
import {SyncObject} from './base.js';

/** What RLock, Semaphore and Condition share: acquire (waiting in line), release, with. */
export abstract class Acquirable extends SyncObject {
	/** Resolves true once acquired; false at once without blocking when it is taken, or after `timeoutMs`. */
	async acquire(options: AcquireOptions = {}): Promise<boolean> {
		const {block, timeoutMs} = this.checkAcquire('acquire', options);
		return (await this.call('acquire', block, timeoutMs)) as boolean;
	}

	/** `acquire` that blocks the Thread; only in a Thread. */
	acquireSync(options: AcquireOptions = {}): boolean {
		const {block, timeoutMs} = this.checkAcquire('acquireSync', options);
		return this.callSync('acquire', block, timeoutMs) as boolean;
	}

	abstract release(): Promise<void>;
	abstract releaseSync(): void;

	/** Runs `fn` holding it, and releases it however `fn` ends. */
	async with<T>(fn: () => T | Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await fn();
		} finally {
			await this.release();
		}
	}

	/** `with` in a Thread. */
	withSync<T>(fn: () => T): T {
		this.acquireSync();
		try {
			return fn();
		} finally {
			this.releaseSync();
		}
	}

	protected checkAcquire(method: string, {block = true, timeoutMs}: AcquireOptions) {
		const owner = `${this.name}.${method}()`;
		checkBoolean(owner, 'block', block);
		checkTimeout(owner, timeoutMs);
		if (timeoutMs !== undefined && !block)
			throw new TypeError(`${owner}: a timeout cannot be given to a non-blocking acquire`);
		return {block, timeoutMs};
	}
}
