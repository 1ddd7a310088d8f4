import type {ManagedKind} from '../../events/index.js';
import type {SharedOptions} from '../options.js';
import {SyncObject} from './base.js';
import {unwireItem, wireItem} from './items.js';

/** What a Manager's objects share: each operation is one atomic call to the broker. */
abstract class Managed extends SyncObject {
	protected constructor(
		kind: 'ManagedDict' | 'ManagedList' | 'Namespace',
		managed: ManagedKind,
		options: SharedOptions,
		initial: () => unknown,
	) {
		super(kind, options, () => ({kind: 'managed', managed, initial: initial()}));
	}

	protected wire(method: string, value: unknown): unknown {
		return wireItem(`${this.name}.${method}()`, value);
	}

	protected async read(method: string, ...args: unknown[]): Promise<unknown> {
		return unwireItem(await this.call(method, ...args));
	}
}

function wiredEntries(
	where: string,
	init: Record<string, unknown> | Iterable<[string, unknown]> | undefined,
) {
	if (init === undefined) return [];
	const entries =
		Symbol.iterator in Object(init)
			? [...(init as Iterable<[string, unknown]>)]
			: Object.entries(init);
	return entries.map(([key, value]) => {
		if (typeof key !== 'string')
			throw new TypeError(`${where}: keys must be strings, got ${typeof key}`);
		return [key, wireItem(where, value)];
	});
}

/** A dict shared by processes and threads, through its manager: keys are strings. */
export class ManagedDict extends Managed {
	constructor(
		init?: Record<string, unknown> | Iterable<[string, unknown]>,
		options: SharedOptions = {},
	) {
		super('ManagedDict', 'dict', options, () => wiredEntries('dict()', init));
	}

	/** The value at `key`, or undefined. */
	async get(key: string): Promise<unknown> {
		const wired = await this.call('get', key);
		return wired === undefined ? undefined : unwireItem(wired);
	}

	async set(key: string, value: unknown): Promise<void> {
		await this.call('set', key, this.wire('set', value));
	}

	async delete(key: string): Promise<boolean> {
		return (await this.call('delete', key)) as boolean;
	}

	async has(key: string): Promise<boolean> {
		return (await this.call('has', key)) as boolean;
	}

	async keys(): Promise<string[]> {
		return (await this.call('keys')) as string[];
	}

	async entries(): Promise<[string, unknown][]> {
		const entries = (await this.call('entries')) as [string, unknown][];
		return entries.map(([key, value]) => [key, unwireItem(value)]);
	}

	async size(): Promise<number> {
		return (await this.call('size')) as number;
	}

	/** Sets every entry of `entries` in one atomic step. */
	async update(entries: Record<string, unknown> | Iterable<[string, unknown]>): Promise<void> {
		await this.call('update', wiredEntries(`${this.name}.update()`, entries));
	}
}

/** A list shared by processes and threads, through its manager. Negative indices count from the end. */
export class ManagedList extends Managed {
	constructor(init: Iterable<unknown> = [], options: SharedOptions = {}) {
		super('ManagedList', 'list', options, () => [...init].map((item) => wireItem('list()', item)));
	}

	/** Adds `item` at the end; returns the new length. */
	async append(item: unknown): Promise<number> {
		return (await this.call('append', this.wire('append', item))) as number;
	}

	async extend(items: Iterable<unknown>): Promise<number> {
		return (await this.call(
			'extend',
			[...items].map((item) => this.wire('extend', item)),
		)) as number;
	}

	async at(index: number): Promise<unknown> {
		return this.read('at', index);
	}

	async set(index: number, item: unknown): Promise<void> {
		await this.call('set', index, this.wire('set', item));
	}

	/** Removes and returns the item at `index` (the last by default). */
	async pop(index?: number): Promise<unknown> {
		return this.read('pop', index);
	}

	async length(): Promise<number> {
		return (await this.call('length')) as number;
	}

	async slice(start?: number, end?: number): Promise<unknown[]> {
		const items = (await this.call('slice', start, end)) as unknown[];
		return items.map(unwireItem);
	}
}

/** A bag of named fields shared by processes and threads, like Python's `manager.Namespace()`. */
export class Namespace extends Managed {
	constructor(init: Record<string, unknown> = {}, options: SharedOptions = {}) {
		super('Namespace', 'namespace', options, () => wiredEntries('Namespace()', init));
	}

	/** The field's value, or undefined. */
	async get(field: string): Promise<unknown> {
		const wired = await this.call('get', field);
		return wired === undefined ? undefined : unwireItem(wired);
	}

	async set(field: string, value: unknown): Promise<void> {
		await this.call('set', field, this.wire('set', value));
	}

	/** Every field and its value. */
	async toObject(): Promise<Record<string, unknown>> {
		const entries = (await this.call('entries')) as [string, unknown][];
		return Object.fromEntries(entries.map(([key, value]) => [key, unwireItem(value)]));
	}
}
