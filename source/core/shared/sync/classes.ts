// Every kind of sync handle, by the class name it carries, and how a child rebuilds it.
import type {SharedHandle} from '../../ipc/messages.js';
import type {SharedOptions} from '../options.js';
import {Barrier} from './barrier.js';
import type {SyncObject} from './base.js';
import {Condition} from './condition.js';
import {Event} from './event.js';
import {ManagedDict, ManagedList, Namespace} from './managed.js';
import {Connection} from './pipe.js';
import {JoinableQueue, Queue, SimpleQueue} from './queue.js';
import {RLock} from './rlock.js';
import {BoundedSemaphore, Semaphore} from './semaphore.js';

/** True for every queue, pipe end, event, semaphore, RLock, condition, barrier and managed object. */
export function isSyncObject(value: unknown): value is SyncObject {
	return (
		value instanceof Queue ||
		value instanceof Connection ||
		value instanceof Event ||
		value instanceof Semaphore ||
		value instanceof RLock ||
		value instanceof Condition ||
		value instanceof Barrier ||
		value instanceof ManagedDict ||
		value instanceof ManagedList ||
		value instanceof Namespace
	);
}

/** The proxy of a sync handle, made with `options` (which carry its remote access). */
export function syncProxy(handle: SharedHandle, options: SharedOptions): SyncObject {
	switch (handle.kind) {
		case 'Queue':
			return new Queue(options);
		case 'JoinableQueue':
			return new JoinableQueue(options);
		case 'SimpleQueue':
			return new SimpleQueue(options);
		case 'Connection':
			return new Connection(options, handle, handle.end ?? 'a');
		case 'Event':
			return new Event(options);
		case 'Semaphore':
			return new Semaphore(1, options);
		case 'BoundedSemaphore':
			return new BoundedSemaphore(1, options);
		case 'RLock':
			return new RLock(options);
		case 'Condition':
			return new Condition(undefined, options);
		case 'Barrier':
			return new Barrier(handle.size ?? 1, options);
		case 'ManagedDict':
			return new ManagedDict(undefined, options);
		case 'ManagedList':
			return new ManagedList(undefined, options);
		case 'Namespace':
			return new Namespace(undefined, options);
	}
	throw new TypeError(`${handle.name}: unknown shared object kind ${String(handle.kind)}`);
}
