import {isSharedHandle, type SharedHandle} from '../ipc/messages.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {SharedArray} from './array.js';
import {Lock} from './lock.js';
import {
	type Backend,
	type RemoteAccess,
	type RemoteOptions,
	remoteKey,
	type SharedOptions,
} from './options.js';
import {Value} from './value.js';

type Shared = Value | SharedArray | Lock;

function isShared(value: unknown): value is Shared {
	return value instanceof Value || value instanceof SharedArray || value instanceof Lock;
}

/**
 * Replaces every Value, SharedArray and Lock in `args` (at any depth of arrays and plain objects)
 * by its handle; a handle made for a thread carries the object's shared memory.
 */
export function encodeShared(
	value: unknown,
	orchestrator: Orchestrator,
	backend: Backend = 'process',
): unknown {
	if (isShared(value)) return value.toHandle(orchestrator, backend);
	if (Array.isArray(value)) return value.map((item) => encodeShared(item, orchestrator, backend));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, encodeShared(item, orchestrator, backend)]),
		);
	}
	return value;
}

/** Turns every handle in `args` back into a working proxy that reaches its object as `accessFor` says. */
export function decodeShared(
	value: unknown,
	accessFor: (handle: SharedHandle) => RemoteAccess,
): unknown {
	if (isSharedHandle(value)) return proxy(accessFor(value));
	if (Array.isArray(value)) return value.map((item) => decodeShared(item, accessFor));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, decodeShared(item, accessFor)]),
		);
	}
	return value;
}

function proxy(remote: RemoteAccess): Shared {
	const {handle} = remote;
	// The constructors read the remote key; it is not part of the documented options.
	const options = {[remoteKey]: remote} as RemoteOptions as SharedOptions;
	switch (handle.procdashShared) {
		case 'value':
			return new Value('i', 0, options);
		case 'array':
			return new SharedArray('i', 0, options);
		case 'lock':
			return new Lock(options);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
