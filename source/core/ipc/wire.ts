// How values cross the IPC channel to a child process. The channel speaks JSON (Node's 'json'
// serialization): small control messages — a shared-state request and its reply, above all — go
// 1.5–2× faster that way than with 'advanced' (V8's structured clone). Values keep their
// structured-clone semantics all the same: one that JSON would change (a Map, a bigint, -0,
// undefined, a Date, a cycle, an object met twice) travels as V8's own serialization in base64,
// and a run of numbers as its float64 bytes. Threads need none of this: a worker's port clones.
// This module does not load node:v8 (2 ms at a child's start): callers pass it in when needed.

/** A value as it travels: as JSON, as V8's serialization, or as float64 bytes; all base64. */
export type Wired = {readonly json: unknown} | {readonly v8: string} | {readonly f64: string};

/** V8's serializer, as node:v8 exports it. */
export type V8 = {
	readonly serialize: (value: unknown) => Buffer;
	readonly deserialize: (buffer: Buffer) => unknown;
};

// Deeper than this is sent by V8 rather than walked.
const maxDepth = 32;

/**
 * True when JSON carries `value` exactly as a structured clone would: null, booleans, strings,
 * finite numbers other than -0, and arrays (without holes) and plain objects of them, no object
 * met twice. Anything else would come out changed.
 */
export function isJsonSafe(value: unknown, seen = new Set<object>(), depth = 0): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0);
		case 'object':
			break;
		default:
			return false;
	}
	if (value === null) return true;
	if (depth > maxDepth || seen.has(value)) return false;
	seen.add(value);
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			if (!(index in value) || !isJsonSafe(value[index], seen, depth + 1)) return false;
		}
		return true;
	}
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	for (const key in value) {
		if (!isJsonSafe((value as Record<string, unknown>)[key], seen, depth + 1)) return false;
	}
	return true;
}

/** Whether encoding `value` needs V8's serializer (it is not JSON-safe, nor float64s). */
export function needsV8(value: unknown): boolean {
	return !(value instanceof Float64Array) && !isJsonSafe(value);
}

/** Encodes `value`; `v8` is needed when `needsV8(value)`. Throws a DataCloneError as structuredClone would. */
export function encodeWired(value: unknown, v8?: V8): Wired {
	if (value instanceof Float64Array) {
		const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
		return {f64: bytes.toString('base64')};
	}
	if (isJsonSafe(value)) return {json: value};
	if (!v8) throw new Error('encodeWired: this value needs node:v8');
	return {v8: v8.serialize(value).toString('base64')};
}

/** Whether decoding `wired` needs V8's serializer. */
export function isV8Wired(wired: Wired): wired is {readonly v8: string} {
	return 'v8' in wired;
}

/** Decodes what `encodeWired` made; `v8` is needed when `isV8Wired(wired)`. */
export function decodeWired(wired: Wired, v8?: V8): unknown {
	if ('json' in wired) return wired.json;
	if ('f64' in wired) {
		const bytes = Buffer.from(wired.f64, 'base64');
		// A fresh, aligned copy: the decoded bytes may sit at any offset of Node's buffer pool.
		const numbers = new Float64Array(bytes.byteLength / Float64Array.BYTES_PER_ELEMENT);
		new Uint8Array(numbers.buffer).set(bytes);
		return numbers;
	}
	if (!v8) throw new Error('decodeWired: this value needs node:v8');
	return v8.deserialize(Buffer.from(wired.v8, 'base64'));
}

/**
 * A shared value's number or bigint (or an array of them) made JSON-safe: a bigint, NaN, an
 * infinity or -0 is tagged, anything else passes as it is.
 */
export function toWire(value: unknown): unknown {
	if (typeof value === 'bigint') return {big: value.toString()};
	if (typeof value === 'number') {
		return Number.isFinite(value) && !Object.is(value, -0) ? value : {num: String(value)};
	}
	if (Array.isArray(value)) return value.map(toWire);
	return value;
}

/** What `toWire` made, back as numbers and bigints. */
export function fromWire(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(fromWire);
	if (typeof value !== 'object' || value === null) return value;
	const tagged = value as {big?: unknown; num?: unknown};
	if (typeof tagged.big === 'string') return BigInt(tagged.big);
	if (typeof tagged.num === 'string') return Number(tagged.num);
	return value;
}
