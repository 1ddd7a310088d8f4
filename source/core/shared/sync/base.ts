import type {SharedHandle} from '../../ipc/messages.js';
import type {Orchestrator} from '../../orchestrator/orchestrator.js';
import {checkName} from '../../util/validate.js';
import type {SyncSpec} from '../broker/sync-table.js';
import {
	type Backend,
	type Home,
	homeOf,
	type RemoteOptions,
	type SharedOptions,
} from '../options.js';

/** How a proxy in a Thread calls the broker and blocks until it answers. */
export type SyncCall = (id: number, method: string, args: readonly unknown[]) => unknown;

/**
 * What every queue, pipe, event, semaphore, RLock, condition, barrier and managed object shares:
 * it lives in its owner's broker; the owner calls the broker directly, a child process over IPC,
 * a Thread over its port (and, for the `…Sync` forms, blocking until the answer comes).
 */
export abstract class SyncObject {
	readonly id: number;
	readonly name: string;
	readonly #home: Home;
	readonly #kind: string;
	readonly #size: number | undefined;

	protected constructor(
		kind: string,
		options: SharedOptions,
		spec: (() => SyncSpec) | {readonly id: number; readonly name: string},
		size?: number,
	) {
		const home = homeOf(options as RemoteOptions);
		this.#home = home;
		this.#kind = kind;
		if (home.kind === 'remote') {
			this.id = home.handle.id;
			this.name = home.handle.name;
			this.#size = home.handle.size;
			return;
		}
		checkName(`${kind}()`, options.name);
		const made =
			typeof spec === 'function'
				? home.orchestrator.shared.sync.create(spec(), options.name)
				: spec;
		this.id = made.id;
		this.name = made.name;
		this.#size = size;
	}

	/** A Barrier's parties, a queue's maxsize: known without asking the broker. */
	protected get fixedSize(): number | undefined {
		return this.#size;
	}

	/** The orchestrator that owns it, in the owner; undefined in a child or a Thread. */
	protected get orchestrator(): Orchestrator | undefined {
		return this.#home.kind === 'owner' ? this.#home.orchestrator : undefined;
	}

	/** True in the process that owns the object. */
	protected get isOwner(): boolean {
		return this.#home.kind === 'owner';
	}

	/** Calls `method` of the object in its broker. */
	protected call(method: string, ...args: unknown[]): Promise<unknown> {
		return this.#home.access({op: 'call', id: this.id, method, args});
	}

	/**
	 * Calls `method` without waiting for the broker's answer: resolves once the call is on its way
	 * (written to the channel, in a child). For calls that cannot fail in the broker.
	 */
	protected post(method: string, ...args: unknown[]): Promise<unknown> {
		const home = this.#home;
		const op = {op: 'call' as const, id: this.id, method, args};
		return home.kind === 'remote' && home.send
			? home.send({...op, noReply: true})
			: home.access(op);
	}

	/** `post` in a Thread, sent at once; only in a Thread. */
	protected postSync(method: string, ...args: unknown[]): void {
		const syncPost = this.#home.kind === 'remote' ? this.#home.syncPost : undefined;
		if (!syncPost)
			throw new TypeError(
				`${this.name}.${method}Sync() works only in a Thread (it blocks the thread); elsewhere use await ${this.name}.${method}()`,
			);
		syncPost(this.id, method, args);
	}

	/** Calls `method` and blocks the Thread until the broker answers; only in a Thread. */
	protected callSync(method: string, ...args: unknown[]): unknown {
		const syncCall = this.#home.kind === 'remote' ? this.#home.syncCall : undefined;
		if (!syncCall)
			throw new TypeError(
				`${this.name}.${method}Sync() works only in a Thread (it blocks the thread); elsewhere use await ${this.name}.${method}()`,
			);
		return syncCall(this.id, method, args);
	}

	/** How it travels in a task's args, handed to `recipient` (an actor id; none for a pool's tasks). */
	toHandle(
		orchestrator: Orchestrator,
		_backend: Backend = 'process',
		recipient?: number,
		end?: 'a' | 'b',
	): SharedHandle {
		const home = this.#home;
		if (home.kind !== 'owner' || home.orchestrator !== orchestrator) {
			throw new TypeError(
				`${this.name} can only be passed to processes and threads started by the orchestrator that owns it (in the process that created it)`,
			);
		}
		orchestrator.shared.sync.handedTo(this.id, recipient, end);
		return {
			procdashShared: 'sync',
			kind: this.#kind,
			id: this.id,
			name: this.name,
			...(end ? {end} : {}),
			...(this.#size === undefined ? {} : {size: this.#size}),
		};
	}
}
