// The parent's side of the wire (wire.ts): node:v8 loaded up front, so that encoding and decoding
// stay synchronous in the message handlers.
import * as v8 from 'node:v8';
import {decodeWired, encodeWired, type Wired} from './wire.js';

/** Encodes `value` for a child process; throws a DataCloneError when it cannot be cloned. */
export function toChild(value: unknown): Wired {
	return encodeWired(value, v8);
}

/** Decodes what a child process encoded. */
export function fromChild(wired: Wired): unknown {
	return decodeWired(wired, v8);
}
