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
import type {SyncObject} from './sync/base.js';
import {isSyncObject, syncProxy} from './sync/classes.js';
import {Value} from './value.js';

type Shared = Value | SharedArray | Lock | SyncObject;

function isShared(value: unknown): value is Shared {
	return (
		value instanceof Value ||
		value instanceof SharedArray ||
		value instanceof Lock ||
		isSyncObject(value)
	);
}

/**
 * Turns the Values, SharedArrays and Locks of one call's arguments into handles, for processes
 * (or, with `backend: 'thread'`, for threads: a handle then carries the object's memory). One
 * encoder serves one call: an object met twice, or a cycle, is encoded once.
 */
export class SharedEncoder {
	readonly #orchestrator: Orchestrator;
	readonly #backend: Backend;
	readonly #recipient: number | undefined;
	// What each array and plain object became: itself when it holds no shared object. An object
	// still being walked maps to itself, so that a cycle ends there.
	readonly #done = new Map<object, unknown>();
	// The keys from the value being encoded down to where the walk is, to name a place in errors.
	readonly #path: (string | number)[] = [];
	#where = '';
	/** True once any shared object was encoded. */
	found = false;

	/** `recipient`: the actor id of the process or thread the handles are for (none: a pool's tasks). */
	constructor(orchestrator: Orchestrator, backend: Backend = 'process', recipient?: number) {
		this.#orchestrator = orchestrator;
		this.#backend = backend;
		this.#recipient = recipient;
	}

	/**
	 * `value` with every Value, SharedArray and Lock in it — itself, or at any depth of arrays and
	 * plain objects — replaced by its handle; `value` itself when it holds none. Throws a
	 * TypeError that names the place (`where`, as `map(): item 3` or `Process-1: args`) of an
	 * object this orchestrator cannot send, or of one inside anything else (a Map, a Set, a class
	 * instance), which would arrive as a plain object without its methods.
	 */
	encode(value: unknown, where: string): unknown {
		if (typeof value !== 'object' || value === null) return value;
		this.#where = where;
		this.#path.length = 0;
		return this.#encode(value);
	}

	#encode(value: unknown): unknown {
		if (typeof value !== 'object' || value === null) return value;
		if (isShared(value)) return this.#handle(value);
		const done = this.#done.get(value);
		if (done !== undefined) return done;
		if (Array.isArray(value)) return this.#encodeArray(value);
		if (isPlainObject(value)) return this.#encodeObject(value);
		this.#refuseInside(value);
		return value;
	}

	#encodeArray(array: readonly unknown[]): unknown {
		this.#done.set(array, array);
		let copy: unknown[] | undefined;
		for (let index = 0; index < array.length; index++) {
			const item = array[index];
			if (typeof item !== 'object' || item === null) continue;
			this.#path.push(index);
			const encoded = this.#encode(item);
			this.#path.pop();
			if (encoded === item) continue;
			copy ??= [...array];
			copy[index] = encoded;
		}
		const result = copy ?? array;
		this.#done.set(array, result);
		return result;
	}

	#encodeObject(object: Record<string, unknown>): unknown {
		this.#done.set(object, object);
		let copy: Record<string, unknown> | undefined;
		for (const key of Object.keys(object)) {
			const item = object[key];
			if (typeof item !== 'object' || item === null) continue;
			this.#path.push(key);
			const encoded = this.#encode(item);
			this.#path.pop();
			if (encoded === item) continue;
			copy ??= {...object};
			copy[key] = encoded;
		}
		const result = copy ?? object;
		this.#done.set(object, result);
		return result;
	}

	#handle(shared: Shared): SharedHandle {
		this.found = true;
		try {
			return shared.toHandle(this.#orchestrator, this.#backend, this.#recipient);
		} catch (error) {
			throw new TypeError(`${this.#place()}: ${(error as Error).message}`, {cause: error});
		}
	}

	// A Map, a Set or a class instance crosses as a structured clone, which would turn a shared
	// object in it into a plain object without its methods: better to say so now.
	#refuseInside(container: object): void {
		const inside = findShared(container, new Set());
		if (!inside) return;
		const kind = (container.constructor as {name?: string} | undefined)?.name || 'object';
		throw new TypeError(
			`${this.#place()} holds ${inside.name} inside a ${kind}: a shared object travels only as an item or argument itself, or inside arrays and plain objects`,
		);
	}

	#place(): string {
		let place = this.#where;
		for (const key of this.#path) {
			place +=
				typeof key === 'number'
					? `[${key}]`
					: /^[A-Za-z_$][\w$]*$/.test(key)
						? `.${key}`
						: `[${JSON.stringify(key)}]`;
		}
		return place;
	}
}

/**
 * Replaces every Value, SharedArray and Lock in `args` (at any depth of arrays and plain objects)
 * by its handle; a handle made for a thread carries the object's shared memory. `where` names
 * `args` in a TypeError (`Process-1: args`).
 */
export function encodeShared(
	args: unknown,
	orchestrator: Orchestrator,
	backend: Backend = 'process',
	where = 'args',
	recipient?: number,
): unknown {
	return new SharedEncoder(orchestrator, backend, recipient).encode(args, where);
}

// The first shared object anywhere in `value`, through every kind of container a structured
// clone copies.
function findShared(value: unknown, seen: Set<object>): Shared | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	if (isShared(value)) return value;
	if (
		seen.has(value) ||
		ArrayBuffer.isView(value) ||
		value instanceof ArrayBuffer ||
		value instanceof SharedArrayBuffer
	)
		return undefined;
	seen.add(value);
	const inside =
		value instanceof Map
			? [...value.keys(), ...value.values()]
			: value instanceof Set
				? [...value]
				: Object.values(value);
	for (const item of inside) {
		const found = findShared(item, seen);
		if (found) return found;
	}
	return undefined;
}

/** Turns every handle in `args` back into a working proxy that reaches its object as `accessFor` says. */
export function decodeShared(
	value: unknown,
	accessFor: (handle: SharedHandle) => RemoteAccess,
	done = new Map<object, unknown>(),
): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (isSharedHandle(value)) return proxy(accessFor(value));
	const seen = done.get(value);
	if (seen !== undefined) return seen;
	if (Array.isArray(value)) {
		const copy: unknown[] = [];
		done.set(value, copy);
		for (const item of value) copy.push(decodeShared(item, accessFor, done));
		return copy;
	}
	if (isPlainObject(value)) {
		const copy: Record<string, unknown> = {};
		done.set(value, copy);
		for (const [key, item] of Object.entries(value))
			copy[key] = decodeShared(item, accessFor, done);
		return copy;
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
		case 'sync':
			return syncProxy(handle, options);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
