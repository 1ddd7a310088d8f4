// A Thread's blocking call to its owner's broker (the `…Sync` forms of queues, events …): the
// request goes over the thread's port as any other; the owner answers on a port of its own and
// then wakes the thread, which reads the answer with receiveMessageOnPort while still blocked.
import {MessageChannel, type MessagePort, receiveMessageOnPort} from 'node:worker_threads';
import {rebuildError} from '../errors.js';
import type {SharedReply} from '../ipc/messages.js';
import {threadPort} from './thread-context.js';

/** What a thread sends once, before its first blocking call: where to answer and what to wake. */
export type SyncPortMessage = {
	readonly type: 'shared-sync-port';
	readonly port: MessagePort;
	readonly flag: SharedArrayBuffer;
};

let channel: {readonly port: MessagePort; readonly flag: Int32Array} | undefined;
let nextRequestId = 0;

function open(parent: MessagePort) {
	const {port1, port2} = new MessageChannel();
	port1.unref();
	const flag = new Int32Array(new SharedArrayBuffer(4));
	parent.postMessage(
		{type: 'shared-sync-port', port: port2, flag: flag.buffer} satisfies SyncPortMessage,
		[port2],
	);
	channel = {port: port1, flag};
	return channel;
}

/** Calls `method` of the shared object `id` and blocks this thread until the broker answers. */
export function syncCall(id: number, method: string, args: readonly unknown[]): unknown {
	const parent = threadPort();
	if (!parent) throw new TypeError('a …Sync call works only in a Thread');
	const {port, flag} = channel ?? open(parent);
	Atomics.store(flag, 0, 0);
	// Negative ids: never the id of an async request of the same thread.
	parent.postMessage({
		type: 'shared',
		requestId: --nextRequestId,
		id,
		op: 'call',
		method,
		args,
		sync: true,
	});
	Atomics.wait(flag, 0, 0);
	const reply = receiveMessageOnPort(port)?.message as SharedReply | undefined;
	if (!reply) throw new Error('the owner answered a blocking call with nothing');
	if (reply.ok) return reply.result;
	throw rebuildError({...reply.error, stack: undefined});
}

/**
 * Sends a call the broker does not answer, at once (not at the end of the turn, as an async call
 * goes: a thread about to block would never get there).
 */
export function syncPost(id: number, method: string, args: readonly unknown[]): void {
	const parent = threadPort();
	if (!parent) throw new TypeError('a …Sync call works only in a Thread');
	parent.postMessage({type: 'shared', requestId: 0, id, op: 'call', method, args, noReply: true});
}
