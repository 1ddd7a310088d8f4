import {expect, test} from 'vitest';
import {Pool, RemoteError} from '../../../source/index.js';
import {
	Gates,
	orchestratorPerTest,
	poolTask,
	rejectionOf,
	waitForEvent,
} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('a task that throws rejects map with the same class, message and the child stack', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.map(poolTask('failOn'), ['a', 'type', 'b']));
	expect(error).toBeInstanceOf(TypeError);
	expect(error.name).toBe('TypeError');
	expect(error.message).toBe('bad type: type');
	// The stack is the child's: it points into the task module, at the throwing function.
	expect(error.stack).toMatch(/at failOn \(file:\/\/.*pool-tasks\.js:\d+:\d+\)/);
});

test('a class the parent does not know keeps its name; apply rejects like map', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.apply(poolTask('failOn'), ['custom']));
	expect(error).toBeInstanceOf(RemoteError);
	expect(error.name).toBe('ValidationError');
	expect(error.message).toBe('invalid: custom');
	expect(error.stack).toContain('pool-tasks.js');
	await expect(pool.apply(poolTask('failOn'), ['type'])).rejects.toThrow(TypeError);
	// The pool is unharmed: the worker only reported the error.
	expect(await pool.apply(poolTask('failOn'), ['fine'])).toBe('fine');
});

test('imap yields the results before a failure, then rejects with it', async () => {
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const seen: string[] = [];
	const iteration = (async () => {
		for await (const value of pool.imap<string>(poolTask('failOn'), ['a', 'b', 'type', 'c'])) {
			seen.push(value);
		}
	})();
	await expect(iteration).rejects.toThrow('bad type: type');
	expect(seen).toEqual(['a', 'b']);
});

test('imapUnordered yields in the order the tasks finish', async () => {
	// Given three gated tasks running at once
	const gates = new Gates();
	const pool = new Pool({processes: 3, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const iterator = pool.imapUnordered<string>(
		poolTask('gated'),
		['a', 'b', 'c'].map((id) => gates.gate(id)),
	);
	for (const first of [0, 1, 2]) {
		await waitForEvent(bus, 'pool:task-started', (event) => event.first === first);
	}

	// When they finish b, c, a, each value comes as its task finishes
	const order: string[] = [];
	for (const id of ['b', 'c', 'a']) {
		gates.open(id);
		const {value} = await iterator.next();
		order.push(value as string);
	}

	// Then the order is completion order, and the iteration ends
	expect(order).toEqual(['b', 'c', 'a']);
	expect(await iterator.next()).toEqual({value: undefined, done: true});
	gates.remove();
});

test('a value that cannot be sent fails its task with DataCloneError, not the worker', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.apply(poolTask('unsendable')));
	expect(error.name).toBe('DataCloneError');
	expect(error.message).toContain("task 'unsendable' returned a value that cannot be sent");
	await expect(pool.map(poolTask('square'), [() => 1])).rejects.toThrow(
		'cannot be sent to a worker process',
	);
	expect(await pool.apply(poolTask('square'), [3])).toBe(9);
});
