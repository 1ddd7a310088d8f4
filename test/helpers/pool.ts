import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach} from 'vitest';
import type {EventBus, EventOf, EventType} from '../../source/core/events/index.js';
import {
	createOrchestrator,
	type Orchestrator,
} from '../../source/core/orchestrator/orchestrator.js';
import {task} from '../../source/core/process/task.js';
import type {Gate} from '../fixtures/pool-tasks.js';
import {expectNoDescendants} from './leftovers.js';
import {waitForEvent as waitForEventWithin} from './orchestrator.js';

/** A task of test/fixtures/pool-tasks.js by its export name. */
export function poolTask(exportName: string) {
	return task(new URL('../fixtures/pool-tasks.js', import.meta.url), exportName);
}

/**
 * A fresh orchestrator for each test, stopped after it; then waits until no process this test
 * started is left (zombies, which this machine's init does not reap, and the watchdog aside).
 */
export function orchestratorPerTest(): () => Orchestrator {
	let current: Orchestrator | undefined;
	beforeEach(() => {
		// The workers' output stays on the bus: printed, it would bury the test report.
		current = createOrchestrator({output: 'capture'});
	});
	afterEach(async () => {
		if (!current) return;
		const watchdog = current.watchdogPid;
		await current.stop({graceMs: 1000});
		await expectNoDescendants([watchdog]);
		current = undefined;
	});
	return () => {
		if (!current) throw new Error('orchestratorPerTest(): only inside a test');
		return current;
	};
}

/** Waits until this process has no live descendant but `ignore`; throws naming any left. */
export {expectNoDescendants};

/**
 * The first event of `type` for which `predicate` holds, from the bus's history or from now on;
 * rejects after `timeoutMs` (the pool tests' default is longer than useOrchestrator's).
 */
export function waitForEvent<K extends EventType>(
	bus: EventBus,
	type: K,
	predicate: (event: EventOf<K>) => boolean = () => true,
	timeoutMs = 10_000,
): Promise<EventOf<K>> {
	return waitForEventWithin(bus, type, predicate, {timeoutMs});
}

/** Every event of `type` in the bus's history. */
export function eventsOf<K extends EventType>(bus: EventBus, type: K): EventOf<K>[] {
	return bus.history().filter((event) => event.type === type) as unknown as EventOf<K>[];
}

/** Gates for `gated` tasks: each finishes when the test opens its gate. */
export class Gates {
	readonly dir = mkdtempSync(join(tmpdir(), 'procdash-gates-'));

	/** The gate `id`, to pass as a `gated` task's item. */
	gate(id: string): Gate {
		return {id, dir: this.dir};
	}

	/** Lets the task waiting on `id` return. */
	open(id: string): void {
		writeFileSync(join(this.dir, id), '');
	}

	/** Removes the gates' directory. */
	remove(): void {
		rmSync(this.dir, {recursive: true, force: true});
	}
}

/** The error `promise` rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof Error) return error;
		throw new Error(`rejected with a non-Error: ${String(error)}`);
	}
	throw new Error('expected a rejection, but the promise resolved');
}
