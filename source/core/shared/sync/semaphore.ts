import {checkWholeNumber} from '../../util/validate.js';
import type {SharedOptions} from '../options.js';
import {Acquirable} from './acquirable.js';

/**
 * A counter of permits, like Python's `multiprocessing.Semaphore`: `acquire` takes one (waiting
 * in line while there are none), `release(n)` gives `n` back. A process or thread that dies
 * holding permits gives them back (reported as abandoned), where Python's would lose them.
 */
export class Semaphore extends Acquirable {
	constructor(value = 1, options: SharedOptions = {}, bounded = false) {
		const kind = bounded ? 'BoundedSemaphore' : 'Semaphore';
		super(kind, options, () => {
			checkWholeNumber(`${kind}()`, 'value', value, 0);
			return {kind: 'semaphore', value, bounded};
		});
	}

	/** Gives `n` permits back (1 by default), and wakes as many waiters. */
	async release(n = 1): Promise<void> {
		await this.call('release', n);
	}

	releaseSync(n = 1): void {
		this.callSync('release', n);
	}

	/** Permits left now. */
	async getValue(): Promise<number> {
		return (await this.call('getValue')) as number;
	}
}

/** A Semaphore whose `release` past its initial value throws RangeError (Python's ValueError). */
export class BoundedSemaphore extends Semaphore {
	constructor(value = 1, options: SharedOptions = {}) {
		super(value, options, true);
	}
}
