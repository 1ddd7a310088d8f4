import type {SharedOptions} from '../options.js';
import {Acquirable} from './acquirable.js';

/**
 * A re-entrant lock, like Python's `multiprocessing.RLock`: the process or thread that holds it
 * may take it again (a recursion count) and must release it as many times; only its owner may
 * release it (anyone else gets LockReleaseError). An owner that dies releases it (abandoned).
 */
export class RLock extends Acquirable {
	constructor(options: SharedOptions = {}) {
		super('RLock', options, () => ({kind: 'rlock'}));
	}

	/** Lets go once; the last release frees it for the next in line. */
	async release(): Promise<void> {
		await this.call('release');
	}

	releaseSync(): void {
		this.callSync('release');
	}
}
