// The default orchestrator, reachable without importing the orchestrator's code: a task runtime
// that rebuilds the Values and Locks it is sent (core/shared) owns none, and would otherwise load
// the orchestrator, its spares and its sampler (~60 ms) only to never use them. The orchestrator
// module provides the default as it loads; anything that can make a default (index.ts, Process,
// Pool) imports it first. Typed by the callers: the orchestrator module imports this one, so this
// one names no type of it.

let provide: (() => object) | undefined;

/** Called once, by the orchestrator module: how the default orchestrator is made. */
export function provideDefaultOrchestrator(make: () => object): void {
	provide = make;
}

/** The orchestrator that processes and shared objects join when they name none. */
export function defaultOrchestrator<T extends object>(): T {
	if (!provide)
		throw new Error(
			'procdash: no orchestrator is loaded; import procdash (or pass {orchestrator}) before making a shared object',
		);
	return provide() as T;
}
