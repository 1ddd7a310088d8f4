// A call's items as the pool takes them: any iterable, made a list once, with the shared objects
// in them made handles for the pool's workers.
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {SharedEncoder} from '../shared/handles.js';
import {checkJson} from './bullmq/json.js';
import type {PoolBackend} from './options.js';

/** A call's items, ready to be cut into tasks. */
export type CallItems = {
	readonly items: readonly unknown[];
	/** Some item holds a shared object's handle, which the worker turns back into a proxy. */
	readonly shared: boolean;
	/** Every item is a number (and the items are not argument lists): they may travel packed. */
	readonly numbers: boolean;
};

/**
 * The items of a call as a list (each an array of arguments when `spread`), with every Value,
 * SharedArray and Lock in them made a handle for a worker of `backend`. Throws a TypeError that
 * names the call and the item: `map(): item 3.counter …`; `apply()`'s one item is its `args`.
 */
export function callItems(
	method: string,
	items: unknown,
	spread: boolean,
	orchestrator: Orchestrator,
	backend: PoolBackend,
): CallItems {
	const list = toList(method, items, spread);
	const apply = method === 'apply()';
	if (backend === 'bullmq') {
		for (let index = 0; index < list.length; index++)
			checkJson(list[index], apply ? `${method}: args` : `${method}: item ${index}`);
		return {items: list, shared: false, numbers: false};
	}
	const encoder = new SharedEncoder(orchestrator, backend);
	let encoded: unknown[] | undefined;
	let numbers = !spread;
	for (let index = 0; index < list.length; index++) {
		const item = list[index];
		// Numbers and strings, the bulk of most maps, hold nothing to encode.
		if (typeof item !== 'object' || item === null) {
			if (typeof item !== 'number') numbers = false;
			continue;
		}
		numbers = false;
		const sendable = encoder.encode(item, apply ? `${method}: args` : `${method}: item ${index}`);
		if (sendable === item) continue;
		encoded ??= [...list];
		encoded[index] = sendable;
	}
	return {items: encoded ?? list, shared: encoder.found, numbers};
}

function toList(method: string, items: unknown, spread: boolean): unknown[] {
	if (!isIterable(items)) {
		throw new TypeError(
			`${method}: items must be iterable, got ${items === null ? 'null' : typeof items}`,
		);
	}
	// The tasks copy their slices at once, so an array the caller changes later is no concern.
	const list = Array.isArray(items) ? items : Array.from(items);
	if (!spread) return list;
	return list.map((args, index) => {
		if (!isIterable(args) || typeof args === 'string') {
			throw new TypeError(
				`${method}: item ${index} must be an array of arguments, got ${typeof args}`,
			);
		}
		return Array.from(args);
	});
}

function isIterable(value: unknown): value is Iterable<unknown> {
	return (
		value !== null &&
		value !== undefined &&
		typeof (value as {[Symbol.iterator]?: unknown})[Symbol.iterator] === 'function'
	);
}
