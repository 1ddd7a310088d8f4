import type {SharedRequest} from '../ipc.js';
import {currentProcess} from '../runtime/current.js';
import type {SharedBroker} from './broker.js';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'type' | 'requestId'> : never;

/** One operation on a shared object, before it is addressed to a broker. */
export type SharedOp = WithoutEnvelope<SharedRequest>;

/** How a handle reaches its broker: directly in the owner, over IPC in a child. */
export type Access = (op: SharedOp) => Promise<unknown>;

/** Access for the process that owns the broker: calls it directly, as the current process. */
export function ownerAccess(broker: SharedBroker): Access {
	return (op) => {
		const self = currentProcess();
		return broker.apply({...op, type: 'shared', requestId: 0} as SharedRequest, {
			id: 0,
			name: self.name,
			pid: self.pid,
		});
	};
}
