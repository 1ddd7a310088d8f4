// The runtime's end of its channel to its owner, for the parts of the runtime that talk to it
// beyond the task's start and end (pool workers, shared-state proxies): the IPC channel in a child
// process, the worker's port in a Thread.
import {Listeners} from '../util/listeners.js';
import {threadPort} from './thread-context.js';

type MessageListener = (message: unknown) => void;

const listeners = new Listeners<unknown>();
let listening = false;

/** Sends `message` to the parent; resolves once it is written to the channel. */
export function sendToParent(message: object): Promise<void> {
	return new Promise((resolve, reject) => {
		const port = threadPort();
		if (port) {
			port.postMessage(message);
			resolve();
			return;
		}
		if (!process.send) {
			reject(new Error('this process has no parent channel: it was not started by procdash'));
			return;
		}
		try {
			process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
		} catch (error) {
			reject(error);
		}
	});
}

/** Calls `listener` with every message from the parent; returns the unsubscribe function. */
export function onParentMessage(listener: MessageListener): () => void {
	const unsubscribe = listeners.add(listener);
	if (!listening) {
		listening = true;
		const dispatch = (message: unknown) => listeners.tell(message);
		const port = threadPort();
		if (port) port.on('message', dispatch);
		else process.on('message', dispatch);
	}
	return unsubscribe;
}

/**
 * Sends `message` to the parent without waiting for the write, for hot paths (a pool worker's
 * results). Throws at once when the message cannot be serialized or there is no channel. In a
 * Thread, the buffers in `transfer` move to the owner instead of being copied.
 */
export function postToParent(message: object, transfer?: readonly ArrayBuffer[]): void {
	const port = threadPort();
	if (port) {
		port.postMessage(message, transfer as ArrayBuffer[] | undefined);
		return;
	}
	if (!process.send) {
		throw new Error('this process has no parent channel: it was not started by procdash');
	}
	process.send(message);
}
