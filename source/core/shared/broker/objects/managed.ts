import type {Actor, ManagedKind} from '../../../events/index.js';
import {type BrokerObject, noSuchMethod, type ObjectContext} from './object.js';
import {ref} from './wait-line.js';

/**
 * A Manager's dict, list or namespace in the broker. Values are kept as they travel (never
 * decoded here); keys are strings. Each operation is applied whole before the next.
 */
export class BrokerManaged implements BrokerObject {
	readonly id: number;
	readonly name: string;
	readonly #context: ObjectContext;
	readonly #kind: ManagedKind;
	readonly #map = new Map<string, unknown>();
	readonly #list: unknown[] = [];
	#shut = false;

	constructor(context: ObjectContext, kind: ManagedKind, initial: unknown) {
		this.#context = context;
		this.id = context.id;
		this.name = context.name;
		this.#kind = kind;
		if (kind === 'list') this.#list.push(...(initial as unknown[]));
		else for (const [key, value] of initial as [string, unknown][]) this.#map.set(key, value);
		context.bus.emit('managed:created', {id: this.id, name: this.name, kind, size: this.#size()});
	}

	/** The manager shut down: every later operation throws. */
	shutDown(): void {
		this.#shut = true;
	}

	call(method: string, args: readonly unknown[], actor: Actor): unknown {
		if (this.#shut) throw new Error(`${this.name}: its manager was shut down`);
		const [first, second] = args;
		const result =
			this.#kind === 'list'
				? this.#onList(method, first, second)
				: this.#onMap(method, first, second);
		if (result.changed)
			this.#context.bus.emit('managed:changed', {
				id: this.id,
				name: this.name,
				kind: this.#kind,
				size: this.#size(),
				by: ref(actor),
				op: method,
			});
		return result.value;
	}

	actorExited(): void {}

	#onMap(method: string, key: unknown, value: unknown): {value?: unknown; changed?: true} {
		switch (method) {
			case 'get':
				return {value: this.#map.get(key as string)};
			case 'has':
				return {value: this.#map.has(key as string)};
			case 'set':
				this.#map.set(key as string, value);
				return {changed: true};
			case 'delete':
				return {value: this.#map.delete(key as string), changed: true};
			case 'keys':
				return {value: [...this.#map.keys()]};
			case 'entries':
				return {value: [...this.#map.entries()]};
			case 'size':
				return {value: this.#map.size};
			case 'update':
				for (const [k, v] of key as [string, unknown][]) this.#map.set(k, v);
				return {changed: true};
		}
		throw noSuchMethod(this.name, method);
	}

	#onList(method: string, first: unknown, second: unknown): {value?: unknown; changed?: true} {
		const list = this.#list;
		switch (method) {
			case 'append':
				list.push(first);
				return {value: list.length, changed: true};
			case 'extend':
				list.push(...(first as unknown[]));
				return {value: list.length, changed: true};
			case 'at':
				return {value: list[this.#index(first as number)]};
			case 'set':
				list[this.#index(first as number)] = second;
				return {changed: true};
			case 'pop': {
				if (list.length === 0) throw new RangeError(`${this.name}.pop(): the list is empty`);
				const index = first === undefined ? list.length - 1 : this.#index(first as number);
				return {value: list.splice(index, 1)[0], changed: true};
			}
			case 'length':
				return {value: list.length};
			case 'slice':
				return {value: list.slice(first as number | undefined, second as number | undefined)};
		}
		throw noSuchMethod(this.name, method);
	}

	// Python's indexing: negative counts from the end; out of range is a RangeError (IndexError).
	#index(index: number): number {
		const at = index < 0 ? this.#list.length + index : index;
		if (!Number.isInteger(at) || at < 0 || at >= this.#list.length)
			throw new RangeError(
				`${this.name}: index ${index} out of range (length ${this.#list.length})`,
			);
		return at;
	}

	#size(): number {
		return this.#kind === 'list' ? this.#list.length : this.#map.size;
	}
}
