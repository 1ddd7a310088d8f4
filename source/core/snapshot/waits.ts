import type {SyncKind} from '../events/index.js';
import type {SharedSnapshot} from './shared.js';
import type {SyncSnapshot} from './sync.js';

/** What a process is blocked on: an object, by name, and what it waits to do there. */
export type Wait = {
	/** The object's name. */
	readonly object: string;
	readonly kind: 'lock' | 'queue' | 'pipe' | SyncKind;
	/** Queues: to put (full), to get (empty), or in `join()`; pipes: to receive; the rest: to take or be woken. */
	readonly side: 'put' | 'get' | 'join' | 'recv' | 'acquire' | 'wait';
};

/** Who waits, as events name them: a process or thread by its name and pid. */
type Party = {readonly name: string; readonly pid: number};

/** Where each waiting process waits, looked up by name and pid. */
export type Waits = {
	/** The object `party` waits on, or undefined when it waits on none. */
	readonly of: (party: Party) => Wait | undefined;
};

const acquiring: ReadonlySet<SyncKind> = new Set(['rlock', 'semaphore', 'bounded-semaphore']);

/**
 * Every process that waits on a lock, a queue, a pipe or another waiting object, from the
 * objects' waiters. A process waits on one thing at a time; if the events say more, the last
 * object made wins.
 */
export function waitsOf(shared: SharedSnapshot, sync: SyncSnapshot): Waits {
	const waits = new Map<string, Wait>();
	const add = (parties: readonly Party[], wait: Wait) => {
		for (const party of parties) waits.set(keyOf(party), wait);
	};
	for (const lock of shared.locks)
		add(lock.waiters, {object: lock.name, kind: 'lock', side: 'acquire'});
	for (const queue of sync.queues) {
		const wait = (side: Wait['side']): Wait => ({object: queue.name, kind: 'queue', side});
		add(queue.putters, wait('put'));
		add(queue.getters, wait('get'));
		add(queue.joiners ?? [], wait('join'));
	}
	for (const pipe of sync.pipes) {
		add([...pipe.receivers.a, ...pipe.receivers.b], {
			object: pipe.name,
			kind: 'pipe',
			side: 'recv',
		});
	}
	for (const object of sync.objects) {
		const side = acquiring.has(object.kind) ? 'acquire' : 'wait';
		add(object.waiters, {object: object.name, kind: object.kind, side});
	}
	return {of: (party) => waits.get(keyOf(party))};
}

// Threads share their process's pid: the name tells them apart.
function keyOf({name, pid}: Party): string {
	return `${pid} ${name}`;
}
