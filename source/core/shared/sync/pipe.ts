import {ConnectionClosedError} from '../../errors.js';
import type {SharedHandle} from '../../ipc/messages.js';
import type {Orchestrator} from '../../orchestrator/orchestrator.js';
import {checkBoolean, checkObject, checkTimeout} from '../../util/validate.js';
import type {Backend, SharedOptions} from '../options.js';
import {SyncObject} from './base.js';
import {unwireItem, wireItem} from './items.js';

/** Options of Pipe. */
export type PipeOptions = SharedOptions & {
	/** true (the default): both ends send and receive. false: the first end only receives, the second only sends. */
	readonly duplex?: boolean;
};

/**
 * One end of a Pipe, like Python's `multiprocessing.connection.Connection`: `send` an object to
 * the other end, `recv` what the other end sent (waiting for it), `poll` whether something is
 * there. `recv` once the other end is closed (or every process it was given to has exited) and
 * nothing is left throws ConnectionClosedError, as Python's raises EOFError.
 */
export class Connection extends SyncObject {
	/** `a` or `b`. */
	readonly end: 'a' | 'b';

	/** @internal Made by Pipe() and by the runtime, not by hand. */
	constructor(
		options: SharedOptions,
		pipe: {readonly id: number; readonly name: string},
		end: 'a' | 'b',
		duplex = true,
	) {
		// A one-way pipe's ends carry it as the handle's size (0), a duplex one's as 1.
		super('Connection', options, pipe, duplex ? 1 : 0);
		this.end = end;
	}

	// The first end of a one-way pipe only receives: said at once, as CPython's OSError is.
	#checkSend(method: string): void {
		if (this.end === 'a' && this.fixedSize === 0)
			throw new ConnectionClosedError(
				`${this.name}.${method}(): end a of a one-way pipe only receives`,
			);
	}

	/**
	 * Sends `value` (a structured clone) to the other end; resolves once it is on its way. When the
	 * other end was closed, this end's next call throws ConnectionClosedError (Python's BrokenPipeError).
	 */
	async send(value: unknown): Promise<void> {
		// A pipe takes every send: it is on its way once written. A send to a closed other end
		// throws ConnectionClosedError at this end's next call.
		this.#checkSend('send');
		// Only a send nobody waits for (in a child or a thread) defers its error; the owner's throws.
		await this.post('send', this.end, wireItem(`${this.name}.send()`, value), !this.isOwner);
	}

	/** The next object the other end sent; waits for one. */
	async recv(): Promise<unknown> {
		return unwireItem(await this.call('recv', this.end));
	}

	/**
	 * Whether something can be received: at once without `timeoutMs` (as Python's `poll()`), or
	 * within `timeoutMs` (Infinity waits for good). True too when the other end is closed.
	 */
	async poll(timeoutMs?: number): Promise<boolean> {
		checkTimeout(`${this.name}.poll()`, timeoutMs);
		return (await this.call('poll', this.end, timeoutMs)) as boolean;
	}

	/** Closes this end: the other end's `recv` throws ConnectionClosedError once it has read all. */
	async close(): Promise<void> {
		await this.call('close', this.end);
	}

	/** `send` in a Thread (it never blocks: a pipe takes every send). */
	sendSync(value: unknown): void {
		this.#checkSend('sendSync');
		this.postSync('send', this.end, wireItem(`${this.name}.sendSync()`, value), true);
	}

	/** `recv` that blocks the Thread; only in a Thread. */
	recvSync(): unknown {
		return unwireItem(this.callSync('recv', this.end));
	}

	/** `poll` that blocks the Thread up to `timeoutMs`; only in a Thread. */
	pollSync(timeoutMs?: number): boolean {
		checkTimeout(`${this.name}.pollSync()`, timeoutMs);
		return this.callSync('poll', this.end, timeoutMs) as boolean;
	}

	override toHandle(
		orchestrator: Orchestrator,
		backend: Backend = 'process',
		recipient?: number,
	): SharedHandle {
		return super.toHandle(orchestrator, backend, recipient, this.end);
	}
}

/**
 * A pipe between two Connections, like Python's `multiprocessing.Pipe()`: returns `[a, b]`.
 * Pass one end (or both) to processes and threads.
 */
export function Pipe(options: PipeOptions = {}): [Connection, Connection] {
	checkObject('Pipe()', options);
	const duplex = options.duplex ?? true;
	checkBoolean('Pipe()', 'duplex', duplex);
	const first = new PipeOwner(options, duplex);
	const pipe = {id: first.id, name: first.name};
	return [new Connection(options, pipe, 'a', duplex), new Connection(options, pipe, 'b', duplex)];
}

// Makes the pipe in the broker; its ends are Connections on it.
class PipeOwner extends SyncObject {
	constructor(options: SharedOptions, duplex: boolean) {
		super('Pipe', options, () => ({kind: 'pipe', duplex}));
	}
}
