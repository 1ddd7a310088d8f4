import {defaultOrchestrator} from '../../orchestrator/default.js';
import type {Orchestrator} from '../../orchestrator/orchestrator.js';
import {ManagedDict, ManagedList, Namespace} from './managed.js';

/**
 * Like Python's `multiprocessing.Manager()`: makes dicts, lists and namespaces that any process
 * or thread it is passed to can use, each operation atomic. Python runs a server process for
 * them; procdash keeps them in the owner's broker, which every process already talks to.
 */
export class Manager {
	readonly #orchestrator: Orchestrator;
	readonly #made: number[] = [];
	#shut = false;

	private constructor(orchestrator: Orchestrator) {
		this.#orchestrator = orchestrator;
	}

	/** Starts a manager on `orchestrator` (the default one when omitted). */
	static async start(options: {readonly orchestrator?: Orchestrator} = {}): Promise<Manager> {
		return new Manager(options.orchestrator ?? defaultOrchestrator<Orchestrator>());
	}

	dict(init?: Record<string, unknown> | Iterable<[string, unknown]>, name?: string): ManagedDict {
		return this.#track(new ManagedDict(init, this.#options(name)));
	}

	list(init?: Iterable<unknown>, name?: string): ManagedList {
		return this.#track(new ManagedList(init, this.#options(name)));
	}

	namespace(init?: Record<string, unknown>, name?: string): Namespace {
		return this.#track(new Namespace(init, this.#options(name)));
	}

	/** Every object it made refuses later operations (their proxies throw). */
	async shutdown(): Promise<void> {
		this.#shut = true;
		this.#orchestrator.shared.sync.shutDown(this.#made);
	}

	async [Symbol.asyncDispose](): Promise<void> {
		await this.shutdown();
	}

	#options(name: string | undefined) {
		if (this.#shut) throw new Error('the manager was shut down');
		return {orchestrator: this.#orchestrator, ...(name === undefined ? {} : {name})};
	}

	#track<T extends {readonly id: number}>(object: T): T {
		this.#made.push(object.id);
		return object;
	}
}

/** `Manager.start()`. */
export function createManager(
	options: {readonly orchestrator?: Orchestrator} = {},
): Promise<Manager> {
	return Manager.start(options);
}
