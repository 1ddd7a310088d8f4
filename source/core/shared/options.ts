import type {SharedHandle} from '../ipc/messages.js';
import {defaultOrchestrator} from '../orchestrator/default.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {type Access, ownerAccess, ownerSyncAccess, type SyncAccess} from './access.js';
import type {Cells} from './memory/cells.js';
import type {Sleep} from './memory/sleep.js';

/**
 * Who a handle is made for: a process child (the memory itself where the native addon maps it,
 * else IPC to the broker) or a thread (the memory itself).
 */
export type Backend = 'process' | 'thread';

/** Options of Value, SharedArray and Lock. */
export type SharedOptions = {
	/** The name the dashboard shows; `Value-N`, `SharedArray-N`, `Lock-N` when omitted. */
	readonly name?: string;
	/** The orchestrator whose broker owns it; the default one when omitted. */
	readonly orchestrator?: Orchestrator;
};

// A handle rebuilt in a child carries its access here instead of an orchestrator. Only the
// runtime's decoder sets it, so the public options stay as documented.
export const remoteKey = Symbol('procdash.remote');

/** How a proxy reaches the object: always asynchronously, and at once in a thread. */
export type RemoteAccess = {
	readonly handle: SharedHandle;
	readonly access: Access;
	/** In a thread: the same memory, worked on with Atomics. */
	readonly sync?: SyncAccess;
	/** In a thread: the value's or array's memory itself, for the fastest reads and writes. */
	readonly cells?: Cells;
	/** In a thread: the lock's word, taken with Atomics.wait. */
	readonly lockWord?: Int32Array;
	/** In a thread: the thread's actor id, written on a lock it holds (in a process: minus its pid). */
	readonly actorId?: number;
	/** How a waiter for the lock word sleeps: among threads, or across processes. */
	readonly sleep?: Sleep;
	/**
	 * A call the broker does not answer: resolves once the request is written to the channel
	 * (from then on a death of the caller loses nothing). `access` where there is no channel.
	 */
	readonly send?: Access;
	/** In a thread: a call the broker does not answer, posted at once (`…Sync`). */
	readonly syncPost?: (id: number, method: string, args: readonly unknown[]) => void;
	/** In a thread: a call to the broker that blocks the thread until it answers (`…Sync`). */
	readonly syncCall?: (id: number, method: string, args: readonly unknown[]) => unknown;
};

/** What the runtime passes to rebuild a handle as a proxy in a child. */
export type RemoteOptions = SharedOptions & {
	readonly [remoteKey]?: RemoteAccess;
};

/** Where a shared object lives: the owner's orchestrator, or a proxy's parent. */
export type Home =
	| {
			readonly kind: 'owner';
			readonly orchestrator: Orchestrator;
			readonly access: Access;
			readonly sync: SyncAccess;
	  }
	| ({readonly kind: 'remote'} & RemoteAccess);

/** Resolves the options into where the object lives. */
export function homeOf(options: RemoteOptions): Home {
	const remote = options[remoteKey];
	if (remote) return {kind: 'remote', ...remote};
	const orchestrator = options.orchestrator ?? defaultOrchestrator<Orchestrator>();
	return {
		kind: 'owner',
		orchestrator,
		access: ownerAccess(orchestrator.shared),
		sync: ownerSyncAccess(orchestrator.shared),
	};
}
