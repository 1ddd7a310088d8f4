// A child's side of the wire (wire.ts): node:v8 costs ~2 ms to load, so a child loads it only
// when a value needs it — most tasks' args and results are plain JSON.
import {decodeWired, encodeWired, isV8Wired, needsV8, type V8, type Wired} from '../ipc/wire.js';

let loaded: Promise<V8> | undefined;

function v8(): Promise<V8> {
	loaded ??= import('node:v8');
	return loaded;
}

/** Encodes `value` for the parent; rejects with a DataCloneError when it cannot be cloned. */
export async function toParent(value: unknown): Promise<Wired> {
	return encodeWired(value, needsV8(value) ? await v8() : undefined);
}

/** Decodes what the parent encoded. */
export async function fromParent(wired: Wired): Promise<unknown> {
	return decodeWired(wired, isV8Wired(wired) ? await v8() : undefined);
}
