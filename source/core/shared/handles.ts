import {isSharedHandle, type SharedHandle} from '../ipc.js';
import type {Orchestrator} from '../orchestrator.js';
import type {Access} from './access.js';
import {SharedArray} from './array.js';
import {Lock} from './lock.js';
import {type RemoteOptions, remoteKey, type SharedOptions} from './options.js';
import {Value} from './value.js';

type Shared = Value | SharedArray | Lock;

function isShared(value: unknown): value is Shared {
	return value instanceof Value || value instanceof SharedArray || value instanceof Lock;
}

/** Replaces every Value, SharedArray and Lock in `args` (at any depth of arrays and plain objects) by its handle. */
export function encodeShared(value: unknown, orchestrator: Orchestrator): unknown {
	if (isShared(value)) return value.toHandle(orchestrator);
	if (Array.isArray(value)) return value.map((item) => encodeShared(item, orchestrator));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, encodeShared(item, orchestrator)]),
		);
	}
	return value;
}

/** Turns every handle in `args` back into a working proxy that reaches the parent through `access`. */
export function decodeShared(value: unknown, access: Access): unknown {
	if (isSharedHandle(value)) return proxy(value, access);
	if (Array.isArray(value)) return value.map((item) => decodeShared(item, access));
	if (isPlainObject(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, decodeShared(item, access)]),
		);
	}
	return value;
}

function proxy(handle: SharedHandle, access: Access): Shared {
	// The constructors read the remote key; it is not part of the documented options.
	const options = {[remoteKey]: {handle, access}} as RemoteOptions as SharedOptions;
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
