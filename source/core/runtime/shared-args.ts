// How a runtime turns the handles in what it was sent (a task's args, a pool task's items) back
// into working Values, SharedArrays and Locks. The shared-state code is loaded only by a runtime
// that was sent a handle: one without starts without paying for it.
import type {SharedHandle} from '../ipc/messages.js';
import type {RemoteAccess} from '../shared/options.js';
import {threadContext} from './thread-context.js';

/**
 * `value` with every shared handle in it (at any depth of arrays and plain objects) a working
 * proxy: in a Thread, on the owner's memory; in a child process, over IPC to the parent's broker.
 */
export async function decodeHandles(value: unknown): Promise<unknown> {
	const [{decodeShared}, accessFor] = await Promise.all([
		import('../shared/handles.js'),
		accessHere(),
	]);
	return decodeShared(value, accessFor);
}

async function accessHere(): Promise<(handle: SharedHandle) => RemoteAccess> {
	const thread = threadContext();
	if (thread) {
		const [{threadAccess}, {remoteAccess, remoteSend}, {syncCall, syncPost}] = await Promise.all([
			import('../shared/memory/memory-access.js'),
			import('./shared-client.js'),
			import('./sync-call.js'),
		]);
		// Queues, pipes, events … live in the broker alone: a thread reaches it over its port.
		return (handle) =>
			handle.procdashShared === 'sync'
				? {handle, access: remoteAccess, send: remoteSend, syncCall, syncPost}
				: threadAccess(handle, thread.id);
	}
	const {remoteAccess, remoteSend} = await import('./shared-client.js');
	const broker = (handle: SharedHandle): RemoteAccess => ({
		handle,
		access: remoteAccess,
		send: remoteSend,
	});
	// Where the owner shares memory (the handle says where), values, arrays and locks work on it
	// here too; where this process cannot map it, the broker still serves them.
	const memory = await memoryAccessHere();
	if (!memory) return broker;
	return (handle) => (handle.region ? memory(handle) : broker(handle));
}

async function memoryAccessHere(): Promise<((handle: SharedHandle) => RemoteAccess) | undefined> {
	const [{processAccess}, {sharedMemoryAddon}] = await Promise.all([
		import('../shared/memory/memory-access.js'),
		import('../shared/memory/native.js'),
	]);
	return sharedMemoryAddon() ? processAccess : undefined;
}
