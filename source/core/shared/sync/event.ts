import {checkTimeout} from '../../util/validate.js';
import type {SharedOptions} from '../options.js';
import {SyncObject} from './base.js';

/**
 * A flag that processes and threads wait for, like Python's `multiprocessing.Event`: `wait`
 * returns true once it is set (at once if it is), false when `timeoutMs` runs out first.
 */
export class Event extends SyncObject {
	constructor(options: SharedOptions = {}) {
		super('Event', options, () => ({kind: 'event'}));
	}

	/** Sets the flag and wakes every waiter. */
	async set(): Promise<void> {
		await this.call('set');
	}

	/** Clears the flag. */
	async clear(): Promise<void> {
		await this.call('clear');
	}

	async isSet(): Promise<boolean> {
		return (await this.call('isSet')) as boolean;
	}

	/** Waits until the flag is set: true; false when `timeoutMs` runs out first. */
	async wait(timeoutMs?: number): Promise<boolean> {
		checkTimeout(`${this.name}.wait()`, timeoutMs);
		return (await this.call('wait', timeoutMs)) as boolean;
	}

	/** `wait` that blocks the Thread; only in a Thread. */
	waitSync(timeoutMs?: number): boolean {
		checkTimeout(`${this.name}.waitSync()`, timeoutMs);
		return this.callSync('wait', timeoutMs) as boolean;
	}

	setSync(): void {
		this.callSync('set');
	}

	clearSync(): void {
		this.callSync('clear');
	}

	isSetSync(): boolean {
		return this.callSync('isSet') as boolean;
	}
}
