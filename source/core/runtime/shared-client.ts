// A child's requests to its parent's shared-state broker: each request gets an id, and the
// reply with that id settles it.
import {rebuildError} from '../errors.js';
import {
	isSharedReplies,
	isSharedReply,
	type SharedReply,
	type SharedRequest,
} from '../ipc/messages.js';
import {fromWire, toWire} from '../ipc/wire.js';
import type {Access} from '../shared/access.js';
import {onParentMessage, postToParent, sendToParent} from './channel.js';

const pending = new Map<
	number,
	{resolve: (value: unknown) => void; reject: (error: Error) => void}
>();
let nextRequestId = 0;
let listening = false;

function settle(message: SharedReply): void {
	const request = pending.get(message.requestId);
	if (!request) return;
	pending.delete(message.requestId);
	if (message.ok) request.resolve(fromWire(message.result));
	// Errors a caller may test with instanceof (LockReleaseError, RangeError …) keep their class;
	// the broker's stack is of no use to the caller.
	else request.reject(rebuildError({...message.error, stack: undefined}));
}

function listen(): void {
	if (listening) return;
	listening = true;
	onParentMessage((message) => {
		if (isSharedReply(message)) settle(message);
		else if (isSharedReplies(message)) for (const reply of message.replies) settle(reply);
	});
}

// Requests made in one turn go together: a loop of un-awaited adds is one message, not one per
// add, and an awaited one is flushed at the end of the same turn, no later.
let outgoing: SharedRequest[] = [];
// The sends (requests without an answer) of the batch, settled once it is written.
let written: {resolve: () => void; reject: (error: Error) => void}[] = [];

function flush(): void {
	const requests = outgoing;
	const sends = written;
	outgoing = [];
	written = [];
	const message = requests.length === 1 ? requests[0] : {type: 'shared-batch', requests};
	const failed = (error: Error) => {
		for (const {requestId} of requests) {
			const request = pending.get(requestId);
			pending.delete(requestId);
			request?.reject(error);
		}
		for (const send of sends) send.reject(error);
	};
	// Without a write callback unless a send waits for one: the reply is the acknowledgement, and
	// a callback costs a completion per message on the hottest path a child has.
	if (sends.length === 0) {
		try {
			postToParent(message as object);
		} catch (error) {
			failed(error as Error);
		}
		return;
	}
	sendToParent(message as object).then(() => {
		for (const send of sends) send.resolve();
	}, failed);
}

function enqueue(op: Parameters<Access>[0], requestId: number, noReply: boolean): void {
	const request = {
		...op,
		...('value' in op ? {value: toWire(op.value)} : {}),
		...('expected' in op ? {expected: toWire(op.expected)} : {}),
		...(noReply ? {noReply: true} : {}),
		type: 'shared',
		requestId,
	} as SharedRequest;
	if (outgoing.push(request) === 1) queueMicrotask(flush);
}

/** Access to the parent's broker over IPC. */
export const remoteAccess: Access = (op) => {
	listen();
	const requestId = ++nextRequestId;
	return new Promise((resolve, reject) => {
		pending.set(requestId, {resolve, reject});
		enqueue(op, requestId, false);
	});
};

/**
 * A request the broker does not answer: resolves once it is written to the channel. From then
 * on it reaches the parent even if this process dies.
 */
export const remoteSend: Access = (op) =>
	new Promise((resolve, reject) => {
		written.push({resolve: () => resolve(undefined), reject});
		enqueue(op, ++nextRequestId, true);
	});
