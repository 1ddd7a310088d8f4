// How a Value, SharedArray or Lock works inside a Thread, or inside a child process where the
// native addon maps the owner's memory: on that memory, with Atomics, synchronously; the async API
// resolves at once (a lock: once taken). Nothing here goes through the broker, so nothing here
// emits an event: the owner samples the memory for the dashboard instead.
import type {SharedHandle} from '../../ipc/messages.js';
import type {CellsOp, SharedOp} from '../access.js';
import type {RemoteAccess} from '../options.js';
import {add, cellsOn, compareAndSet, load, loadAll, store} from './cells.js';
import {lockWordOn} from './lock-word.js';
import {processTag, releaseLock, takeLockAsync} from './memory-lock.js';
import {mapRegion} from './region.js';
import {type Sleep, sleepAcrossProcesses, threadSleep} from './sleep.js';
import type {Scalar, Typecode} from './typecodes.js';

/** The proxy access of `handle` (made for a thread) in the thread whose actor id is `actorId`. */
export function threadAccess(handle: SharedHandle, actorId: number): RemoteAccess {
	const buffer = handle.buffer;
	if (!buffer) {
		throw new TypeError(`${handle.name} was not made for a thread: pass it in a Thread's args`);
	}
	// Memory that processes map too is slept on with the kernel's futex, which they wake.
	const sleep = handle.region ? sleepAcrossProcesses() : threadSleep;
	return memoryAccess(handle, buffer, actorId, sleep);
}

/** The proxy access of `handle` in a child process, on the owner's memory mapped here. */
export function processAccess(handle: SharedHandle): RemoteAccess {
	const region = handle.region;
	if (!region) throw new TypeError(`${handle.name} carries no shared memory`);
	return memoryAccess(handle, mapRegion(region), processTag(), sleepAcrossProcesses());
}

function memoryAccess(
	handle: SharedHandle,
	buffer: SharedArrayBuffer,
	tag: number,
	sleep: Sleep,
): RemoteAccess {
	if (handle.procdashShared === 'lock') {
		const word = lockWordOn(buffer);
		const access = async (op: SharedOp) => {
			if (op.op === 'release') return releaseLock(word, handle.name, sleep);
			if (op.op !== 'acquire') throw new TypeError(`${op.op} is not an operation of a lock`);
			return takeLockAsync(word, tag, op.block ?? true, op.timeoutMs, sleep);
		};
		return {handle, access, lockWord: word, actorId: tag, sleep};
	}
	const cells = cellsOn(handle.typecode as Typecode, buffer, handle.length ?? 1, sleep);
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
