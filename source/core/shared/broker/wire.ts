import type {Actor} from '../../events/index.js';
import type {SharedBatch, SharedReplies, SharedReply, SharedRequest} from '../../ipc/messages.js';
import {fromWire, toWire} from '../../ipc/wire.js';
import type {SharedBroker} from './broker.js';

/**
 * Answers a child process's request to the broker, or its batch of them, with `post`. A value or
 * array operation is answered in the same turn it arrives; a lock's may wait.
 */
export function answerChild(
	broker: SharedBroker,
	message: SharedRequest | SharedBatch,
	actor: Actor,
	post: (reply: SharedReply | SharedReplies) => void,
): void {
	if (message.type === 'shared') {
		broker.handleBatch([unwireRequest(message)], actor, ([reply]) => {
			if (reply) post(wireReply(reply));
		});
		return;
	}
	broker.handleBatch(message.requests.map(unwireRequest), actor, (replies) => {
		const wired = replies.map(wireReply);
		post(wired.length === 1 ? (wired[0] as SharedReply) : {type: 'shared-replies', replies: wired});
	});
}

// The wire carries a request's numbers JSON-safe (bigints, NaN, -0 tagged), and the reply's.
function unwireRequest(request: SharedRequest): SharedRequest {
	return {
		...request,
		...('value' in request ? {value: fromWire(request.value)} : {}),
		...('expected' in request ? {expected: fromWire(request.expected)} : {}),
	} as SharedRequest;
}

function wireReply(reply: SharedReply): SharedReply {
	return reply.ok ? {...reply, result: toWire(reply.result)} : reply;
}
