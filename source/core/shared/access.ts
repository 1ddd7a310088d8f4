import type {SharedRequest} from '../ipc/messages.js';
import {currentProcess} from '../runtime/current.js';
import type {SharedBroker} from './broker/broker.js';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'type' | 'requestId'> : never;

/** One operation on a shared object, before it is addressed to a broker. */
export type SharedOp = WithoutEnvelope<SharedRequest>;

/** An operation on a value or an array (not a lock). */
export type CellsOp = Exclude<SharedOp, {op: 'acquire' | 'release' | 'call'}>;

/** How a handle reaches its broker: directly in the owner, over IPC in a child. */
export type Access = (op: SharedOp) => Promise<unknown>;

/**
 * How a handle works on its memory at once, where it can: in the owner (through the broker) and
 * in a thread (with Atomics on the same memory). A process child has none.
 */
export type SyncAccess = (op: CellsOp) => unknown;

function ownerActor() {
	const self = currentProcess();
	return {id: 0, name: self.name, pid: self.pid};
}

/** Access for the process that owns the broker: calls it directly, as the current process. */
export function ownerAccess(broker: SharedBroker): Access {
	return (op) => broker.apply({...op, type: 'shared', requestId: 0} as SharedRequest, ownerActor());
}

/** Synchronous access for the owner: the broker applies value and array operations at once. */
export function ownerSyncAccess(broker: SharedBroker): SyncAccess {
	return (op) =>
		broker.applyNow({...op, type: 'shared', requestId: 0} as SharedRequest & CellsOp, ownerActor());
}
