import type {MessagePort} from 'node:worker_threads';
import type {Actor} from '../../events/index.js';
import {isSharedBatch, isSharedRequest, type SharedReply} from '../../ipc/messages.js';
import type {SyncPortMessage} from '../../runtime/sync-call.js';
import type {SharedBroker} from './broker.js';
import {answerChild} from './wire.js';

function isSyncPort(message: unknown): message is SyncPortMessage {
	return (message as {type?: unknown} | null)?.type === 'shared-sync-port';
}

/**
 * The owner's side of one Thread's requests to the broker: async ones answered over the thread's
 * port (as a child process's over IPC), blocking ones over the port the thread gave for them,
 * then the thread is woken. `handle` returns false for a message that is not one of these.
 */
export function threadBrokerWire(
	broker: SharedBroker,
	actor: () => Actor,
	post: (message: object) => void,
): (message: unknown) => boolean {
	let blocking: {port: MessagePort; flag: Int32Array} | undefined;
	return (message) => {
		if (isSyncPort(message)) {
			blocking = {port: message.port, flag: new Int32Array(message.flag)};
			return true;
		}
		if (isSharedRequest(message) && (message as {sync?: boolean}).sync) {
			const answer = blocking;
			void broker.handle(message, actor()).then((reply: SharedReply) => {
				if (!answer) return;
				answer.port.postMessage(reply);
				Atomics.store(answer.flag, 0, 1);
				Atomics.notify(answer.flag, 0);
			});
			return true;
		}
		if (isSharedRequest(message) || isSharedBatch(message)) {
			answerChild(broker, message, actor(), post);
			return true;
		}
		return false;
	};
}
