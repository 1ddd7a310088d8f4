import {describe, expect, it} from 'vitest';
import {createOrchestrator, Lock, SharedArray, Value} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {forceBrokerPath, startSharedTask} from '../../helpers/shared.js';

// The broker's path: only there is every lock operation an event of its own, naming the process; process-memory.test.ts covers processes sharing memory.
forceBrokerPath();

describe('names of shared objects', () => {
	const orchestrator = useOrchestrator();

	it('numbers unnamed objects per kind: Value-1, SharedArray-1, Lock-1, then -2', () => {
		const options = {orchestrator: orchestrator()};

		expect(new Value('i', 0, options).name).toBe('Value-1');
		expect(new SharedArray('i', 1, options).name).toBe('SharedArray-1');
		expect(new Lock(options).name).toBe('Lock-1');
		expect(new Value('i', 0, options).name).toBe('Value-2');
		expect(new SharedArray('i', 1, options).name).toBe('SharedArray-2');
		expect(new Lock(options).name).toBe('Lock-2');
	});

	it('counts per orchestrator: a second one starts again at 1', async () => {
		const other = createOrchestrator();
		try {
			new Value('i', 0, {orchestrator: orchestrator()});
			new Lock({orchestrator: orchestrator()});

			expect(new Value('i', 0, {orchestrator: other}).name).toBe('Value-1');
			expect(new Lock({orchestrator: other}).name).toBe('Lock-1');
			expect(new SharedArray('i', 1, {orchestrator: other}).name).toBe('SharedArray-1');
		} finally {
			await other.stop({graceMs: 0});
		}
	});

	it('keeps the names given, and refuses an empty one', () => {
		const options = {orchestrator: orchestrator()};

		expect(new Value('i', 0, {...options, name: 'hits'}).name).toBe('hits');
		expect(new SharedArray('i', 1, {...options, name: 'slots'}).name).toBe('slots');
		expect(new Lock({...options, name: 'printer'}).name).toBe('printer');
		expect(() => new Value('i', 0, {...options, name: ''})).toThrow(TypeError);
		expect(() => new Lock({...options, name: ''})).toThrow(TypeError);
	});

	it('puts the names in the events, of the object and of the process that acted', async () => {
		// Given named objects used once by the test and once by a child
		const value = new Value('i', 7, {name: 'hits', orchestrator: orchestrator()});
		new SharedArray('i', [1], {name: 'slots', orchestrator: orchestrator()});
		const lock = new Lock({name: 'printer', orchestrator: orchestrator()});
		await value.add(1);
		const child = await startSharedTask(orchestrator(), 'tryAcquire', [lock, {}], 'locker');
		expect(await child.join()).toBe(0);

		// Then each event names the object, and the process for what a process did
		const named = orchestrator()
			.bus.history()
			.filter(
				(event) =>
					event.type.startsWith('value:') ||
					event.type.startsWith('array:') ||
					event.type.startsWith('lock:'),
			)
			.map((event) => ({
				type: event.type,
				name: 'name' in event ? event.name : undefined,
				by: 'by' in event ? event.by.name : undefined,
			}));
		expect(named).toEqual([
			{type: 'value:created', name: 'hits', by: undefined},
			{type: 'array:created', name: 'slots', by: undefined},
			{type: 'lock:created', name: 'printer', by: undefined},
			{type: 'value:changed', name: 'hits', by: 'MainProcess'},
			{type: 'lock:acquired', name: 'printer', by: 'locker'},
			{type: 'lock:released', name: 'printer', by: 'locker'},
		]);
	});
});
