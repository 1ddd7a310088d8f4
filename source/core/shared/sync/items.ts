// How an item travels through a queue, a pipe or a managed object: as the wire carries a task's
// args (JSON when that is exact, else V8's serialization), so it keeps structured-clone
// semantics everywhere. The broker keeps items as they travel and never decodes them.
import * as v8 from 'node:v8';
import {toErrorInfo} from '../../errors.js';
import {decodeWired, encodeWired, type Wired} from '../../ipc/wire.js';

/** `item` as it travels; a TypeError naming `where` when it cannot be cloned. */
export function wireItem(where: string, item: unknown): Wired {
	try {
		return encodeWired(item, v8);
	} catch (error) {
		throw new TypeError(`${where}: the item cannot be sent: ${toErrorInfo(error).message}`, {
			cause: error,
		});
	}
}

/** An item back from how it travelled. */
export function unwireItem(wired: unknown): unknown {
	return decodeWired(wired as Wired, v8);
}
