// The child's end of the IPC channel to its parent, for the parts of the runtime that talk to
// the parent beyond the task's start and end (pool workers, shared-state proxies).

type MessageListener = (message: unknown) => void;

const listeners = new Set<MessageListener>();
let listening = false;

/** Sends `message` to the parent; resolves once it is written to the channel. */
export function sendToParent(message: object): Promise<void> {
	return new Promise((resolve, reject) => {
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
	listeners.add(listener);
	if (!listening) {
		listening = true;
		process.on('message', (message) => {
			for (const current of listeners) current(message);
		});
	}
	return () => {
		listeners.delete(listener);
	};
}

/**
 * Sends `message` to the parent without waiting for the write, for hot paths (a pool worker's
 * results). Throws at once when the message cannot be serialized or there is no channel.
 */
export function postToParent(message: object): void {
	if (!process.send) {
		throw new Error('this process has no parent channel: it was not started by procdash');
	}
	process.send(message);
}
