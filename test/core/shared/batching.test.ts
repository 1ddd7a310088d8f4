import {describe, expect, it} from 'vitest';
import {SharedArray, Value} from '../../../source/index.js';
import {eventsOf, useOrchestrator} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: batching is how the broker takes operations a child issues in one turn; process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

describe('operations a child issues in one turn travel and apply together', () => {
	const orchestrator = useOrchestrator();

	it('10,000 un-awaited add(1) land exactly, each result in order, told in a few events', async () => {
		const value = new Value('i', 0, {orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'addUnawaited', [value, 10_000]);
		expect(await child.join()).toBe(0);

		expect(value.value).toBe(10_000);
		// Each add resolved to the value it made: 1, 2, … 10,000 — applied one at a time, in order.
		expect(child.result).toEqual(Array.from({length: 10_000}, (_, index) => index + 1));
		const changes = eventsOf(orchestrator().bus, value.id).filter(
			(event) => event.type === 'value:changed',
		);
		expect(changes.length).toBeLessThan(10_000);
		const counted = changes.reduce(
			(sum, event) => sum + (event.type === 'value:changed' ? (event.changes ?? 1) : 0),
			0,
		);
		expect(counted).toBe(10_000);
		expect(changes.at(-1)).toMatchObject({value: 10_000});
	});

	it('two children hammering one value lose nothing', async () => {
		const value = new Value('i', 0, {orchestrator: orchestrator()});

		const children = await Promise.all([
			startSharedTask(orchestrator(), 'addUnawaited', [value, 5000]),
			startSharedTask(orchestrator(), 'addUnawaited', [value, 5000]),
		]);
		await Promise.all(children.map((child) => child.join()));

		expect(value.value).toBe(10_000);
	});

	it('a failing operation in a batch fails alone; the others apply in order', async () => {
		const value = new Value('i', 0, {orchestrator: orchestrator()});
		const array = new SharedArray('i', 3, {orchestrator: orchestrator()});

		const child = await startSharedTask(orchestrator(), 'mixedBatch', [value, array]);
		await child.join();

		expect(child.result).toEqual([
			5,
			undefined,
			expect.stringMatching(/^RangeError: .*index 99 out of range/),
			101,
			101,
		]);
		expect(value.value).toBe(101);
	});
});
