// How a Value, SharedArray or Lock works inside a Thread: on the owner's own shared memory, with
// Atomics, synchronously; the async API resolves at once. Nothing here goes through the broker, so
// nothing here emits an event: the owner samples the memory for the dashboard instead.
import type {SharedHandle} from '../../ipc/messages.js';
import type {CellsOp, SharedOp} from '../access.js';
import type {RemoteAccess} from '../options.js';
import {add, cellsOn, compareAndSet, load, loadAll, store} from './cells.js';
import {lockWordOn} from './lock-word.js';
import {releaseLock, takeLockAsync} from './thread-lock.js';
import type {Scalar, Typecode} from './typecodes.js';

/** The proxy access of `handle` (made for a thread) in the thread whose actor id is `actorId`. */
export function threadAccess(handle: SharedHandle, actorId: number): RemoteAccess {
	const buffer = handle.buffer;
	if (!buffer) {
		throw new TypeError(`${handle.name} was not made for a thread: pass it in a Thread's args`);
	}
	if (handle.procdashShared === 'lock') {
		const word = lockWordOn(buffer);
		const access = async (op: SharedOp) => {
			if (op.op === 'release') return releaseLock(word, handle.name);
			if (op.op !== 'acquire') throw new TypeError(`${op.op} is not an operation of a lock`);
			return {acquired: await takeLockAsync(word, actorId, op.block ?? true, op.timeoutMs)};
		};
		return {handle, access, lockWord: word, actorId};
	}
	const cells = cellsOn(handle.typecode as Typecode, buffer, handle.length ?? 1);
	// The Value and SharedArray methods have checked the index and the value's type already.
	const sync = (op: CellsOp): unknown => {
		const index = 'index' in op ? (op.index ?? 0) : 0;
		switch (op.op) {
			case 'read':
				return load(cells, index);
			case 'slice':
				return loadAll(cells).slice(op.start, op.end);
			case 'write':
				return store(cells, index, op.value as Scalar);
			case 'add':
				return add(cells, index, op.value as Scalar);
			case 'cas':
				return compareAndSet(cells, index, op.expected as Scalar, op.value as Scalar);
		}
	};
	const access = async (op: SharedOp) => sync(op as CellsOp);
	return {handle, access, sync, cells};
}
