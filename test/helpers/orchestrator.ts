import {afterEach, beforeEach, expect} from 'vitest';
import type {
	BusEvent,
	EventBus,
	EventOf,
	EventType,
	Orchestrator,
	OrchestratorOptions,
} from '../../source/index.js';
import {createOrchestrator} from '../../source/index.js';
import {describePids, settledDescendants} from './processes.js';

/**
 * Gives each test a fresh orchestrator, and after each test stops it and asserts that no living
 * descendant of the test process is left (its watchdog aside). Returns the getter to use in tests.
 */
export function useOrchestrator(options?: OrchestratorOptions): () => Orchestrator {
	let current: Orchestrator | undefined;
	beforeEach(() => {
		// The children's output stays on the bus: printed, it would bury the test report.
		current = createOrchestrator({output: 'capture', ...options});
	});
	afterEach(async () => {
		const orchestrator = current;
		current = undefined;
		if (!orchestrator) return;
		const {survivors} = await orchestrator.stop({graceMs: 1000});
		expect(survivors).toEqual([]);
		const left = await settledDescendants(() => [orchestrator.watchdogPid]);
		expect(describePids(left), 'living descendants after the test').toEqual([]);
	});
	return () => {
		if (!current) throw new Error('useOrchestrator: no orchestrator outside a test');
		return current;
	};
}

/**
 * The first event of `type` on `bus` that satisfies `predicate`, from the history or from now on;
 * rejects when none comes within `timeoutMs`.
 */
export function waitForEvent<K extends EventType>(
	bus: EventBus,
	type: K,
	predicate: (event: EventOf<K>) => boolean = () => true,
	// As long as waitFor's: on a loaded machine an event can take seconds to come.
	{timeoutMs = 10_000}: {readonly timeoutMs?: number} = {},
): Promise<EventOf<K>> {
	const matches = (event: BusEvent): event is BusEvent & EventOf<K> =>
		event.type === type && predicate(event as unknown as EventOf<K>);
	const past = bus.history().find(matches);
	if (past) return Promise.resolve(past);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`waitForEvent: no ${type} event within ${timeoutMs} ms`));
		}, timeoutMs);
		const unsubscribe = bus.subscribe((event) => {
			if (!matches(event)) return;
			clearTimeout(timer);
			unsubscribe();
			resolve(event);
		});
	});
}

/** Every event in the bus's history about the process with this id, oldest first. */
export function eventsOf(bus: EventBus, id: number): BusEvent[] {
	return bus.history().filter((event) => 'id' in event && event.id === id);
}
