import {describe, expect, it} from 'vitest';
import {SharedArray, type Typecode} from '../../../source/index.js';
import type {useArray} from '../../fixtures/shared-tasks.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: only there is every change an event of its own, by the process that made it; process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

type ArrayInChild = Awaited<ReturnType<typeof useArray>>;

describe('SharedArray in the process that owns it', () => {
	const orchestrator = useOrchestrator();

	it('starts as zeros when given a length, or as the values given', async () => {
		const zeros = new SharedArray('d', 3, {orchestrator: orchestrator()});
		const given = new SharedArray('q', [1, 2n, -3], {orchestrator: orchestrator()});

		expect(zeros.length).toBe(3);
		expect(await zeros.toArray()).toEqual([0, 0, 0]);
		expect(given.length).toBe(3);
		expect(await given.toArray()).toEqual([1n, 2n, -3n]);
	});

	it('gets, sets and adds elements, and slices like Array.prototype.slice', async () => {
		const array = new SharedArray('i', [1, 2, 3, 4, 5], {orchestrator: orchestrator()});

		expect(await array.get(4)).toBe(5);
		await array.set(0, 10);
		expect(await array.add(1, 40)).toBe(42);
		expect(await array.slice()).toEqual([10, 42, 3, 4, 5]);
		expect(await array.slice(1, 3)).toEqual([42, 3]);
		expect(await array.slice(-2)).toEqual([4, 5]);
		expect(await array.slice(3)).toEqual([4, 5]);
		expect(await array.toArray()).toEqual([10, 42, 3, 4, 5]);
	});

	it('wraps each element like its C type', async () => {
		const array = new SharedArray('B', [255, 0], {orchestrator: orchestrator()});

		expect(await array.add(0, 1)).toBe(0);
		expect(await array.add(1, -1)).toBe(255);
	});

	it.each([
		['−1', -1],
		['the length', 3],
		['a fraction', 1.5],
	])('rejects index %s with a RangeError', async (_, index) => {
		const array = new SharedArray('i', 3, {orchestrator: orchestrator()});

		await expect(array.get(index)).rejects.toBeInstanceOf(RangeError);
		await expect(array.set(index, 1)).rejects.toBeInstanceOf(RangeError);
		await expect(array.add(index, 1)).rejects.toBeInstanceOf(RangeError);
		await expect(array.get(index)).rejects.toThrow(/out of range/);
		expect(await array.toArray()).toEqual([0, 0, 0]);
	});

	it('rejects an unknown typecode, a bad length and values of the wrong type', async () => {
		const options = {orchestrator: orchestrator()};

		expect(() => new SharedArray('z' as Typecode, 3, options)).toThrow(TypeError);
		expect(() => new SharedArray('i', -1, options)).toThrow(RangeError);
		expect(() => new SharedArray('i', [1, 2.5], options)).toThrow(TypeError);
		const array = new SharedArray('i', 2, options);
		await expect(array.set(0, 0.5)).rejects.toBeInstanceOf(TypeError);
	});

	it('records array:created with the values and array:changed with index, value and process', async () => {
		const array = new SharedArray('i', [1, 2, 3], {name: 'slots', orchestrator: orchestrator()});
		await array.set(2, 30);
		await array.add(0, 5);

		const events = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'array:created' || event.type === 'array:changed');
		expect(events).toEqual([
			expect.objectContaining({
				type: 'array:created',
				id: array.id,
				name: 'slots',
				typecode: 'i',
				values: [1, 2, 3],
			}),
			expect.objectContaining({
				type: 'array:changed',
				name: 'slots',
				index: 2,
				value: 30,
				by: {id: 0, name: 'MainProcess'},
			}),
			expect.objectContaining({type: 'array:changed', name: 'slots', index: 0, value: 6}),
		]);
	});
});

describe('SharedArray in a child process', () => {
	const orchestrator = useOrchestrator();

	it('works through its methods and rejects out-of-range indexes with RangeErrors', async () => {
		// Given an array the test owns, passed to a child
		const array = new SharedArray('i', [1, 2, 3, 4, 5], {
			name: 'slots',
			orchestrator: orchestrator(),
		});

		// When a child uses it
		const child = await startSharedTask(orchestrator(), 'useArray', [array], 'filler');
		expect(await child.join()).toBe(0);

		// Then it saw the same elements, its changes are the owner's, and misuse was refused
		const seen = child.result as ArrayInChild;
		expect(seen).toMatchObject({
			name: 'slots',
			typecode: 'i',
			length: 5,
			first: 1,
			added: 33,
			slice: [20, 33],
			all: [1, 20, 33, 4, 5],
		});
		for (const refused of [seen.getNegative, seen.getLength, seen.getFraction]) {
			expect(refused).toEqual({
				class: 'RangeError',
				message: expect.stringMatching(/out of range/),
			});
		}
		expect(seen.setLength?.class).toBe('RangeError');
		expect(seen.addNegative?.class).toBe('RangeError');
		expect(seen.setFraction?.class).toBe('TypeError');
		expect(await array.toArray()).toEqual([1, 20, 33, 4, 5]);

		const changes = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'array:changed');
		expect(changes).toEqual([
			expect.objectContaining({index: 1, value: 20, by: {id: child.id, name: 'filler'}}),
			expect.objectContaining({index: 2, value: 33, by: {id: child.id, name: 'filler'}}),
		]);
	});
});
