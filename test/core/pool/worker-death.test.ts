import {expect, test} from 'vitest';
import {Pool, WorkerDiedError} from '../../../source/index.js';
import {
	eventsOf,
	Gates,
	orchestratorPerTest,
	poolTask,
	rejectionOf,
	waitForEvent,
} from '../../helpers/pool.js';

const orchestrator = orchestratorPerTest();

test('a SIGKILLed worker fails its task with WorkerDiedError; the other results arrive', async () => {
	// Given six tasks where the last one waits on a gate that never opens
	const gates = new Gates();
	for (const id of ['0', '1', '2', '3', '4']) gates.open(id);
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const values: string[] = [];
	const iteration = (async () => {
		const items = ['0', '1', '2', '3', '4', '5'].map((id) => gates.gate(id));
		for await (const value of pool.imap<string>(poolTask('gated'), items)) values.push(value);
	})();

	// When the worker running it is killed with SIGKILL
	const started = await waitForEvent(bus, 'pool:task-started', (event) => event.first === 5);
	const worker = orchestrator().find(started.processId);
	expect(worker?.kill()).toBe(true);

	// Then that task fails loudly with who died, how, and which task; the others came through
	const error = await rejectionOf(iteration);
	expect(error).toBeInstanceOf(WorkerDiedError);
	const died = error as WorkerDiedError;
	expect(died).toMatchObject({
		worker: worker?.name,
		pid: worker?.pid,
		exitcode: -9,
		signal: 'SIGKILL',
		taskId: started.taskId,
		items: [5, 5],
	});
	expect(died.message).toContain(`${worker?.name} (pid ${worker?.pid}) killed by SIGKILL`);
	expect(values).toEqual(['0', '1', '2', '3', '4']);

	// And a replacement took its place, so the pool goes on
	const replaced = await waitForEvent(bus, 'pool:worker-replaced');
	expect(replaced).toMatchObject({processId: started.processId, reason: 'died'});
	await waitForEvent(
		bus,
		'pool:worker-ready',
		(event) => event.processId === replaced.replacementId,
	);
	expect(await pool.map(poolTask('square'), [1, 2, 3])).toEqual([1, 4, 9]);
	expect(eventsOf(bus, 'pool:worker-died')).toMatchObject([
		{processId: started.processId, signal: 'SIGKILL', taskId: started.taskId},
	]);
	gates.remove();
});

test('with retries, a task lost with its worker runs again on the replacement', async () => {
	const gates = new Gates();
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const result = pool.map(poolTask('gated'), [gates.gate('x')], {retries: 1});
	const started = await waitForEvent(bus, 'pool:task-started');
	orchestrator().find(started.processId)?.kill();
	const retried = await waitForEvent(bus, 'pool:task-retried');
	expect(retried).toMatchObject({taskId: started.taskId, attempt: 1});
	expect(retried.error.name).toBe('WorkerDiedError');
	gates.open('x');
	expect(await result).toEqual(['x']);
	const runs = eventsOf(bus, 'pool:task-started').filter(
		(event) => event.taskId === started.taskId,
	);
	expect(runs).toHaveLength(2);
	expect(runs[1]?.processId).not.toBe(started.processId);
	gates.remove();
});

test('a task that calls process.exit fails with WorkerDiedError naming the exit code', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const error = await rejectionOf(pool.apply(poolTask('exitWith'), [3]));
	expect(error).toBeInstanceOf(WorkerDiedError);
	expect(error).toMatchObject({exitcode: 3, signal: null, items: [0, 0]});
	expect(error.message).toContain('exited with code 3');
	// Even exit code 0 is a death when it comes in the middle of a task.
	await expect(pool.apply(poolTask('exitWith'), [0])).rejects.toThrow(WorkerDiedError);
	expect(await pool.apply(poolTask('square'), [5])).toBe(25);
});

test('map rejects with the death while the rest of its tasks run to the end', async () => {
	const gates = new Gates();
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const ids = Array.from({length: 6}, (_, index) => String(index));
	const result = pool.map(
		poolTask('gated'),
		ids.map((id) => gates.gate(id)),
		{chunksize: 1},
	);
	const started = await waitForEvent(bus, 'pool:task-started', (event) => event.first === 0);
	orchestrator().find(started.processId)?.kill();
	await expect(result).rejects.toThrow(WorkerDiedError);
	for (const id of ids) gates.open(id);
	pool.close();
	await pool.join();
	const done = eventsOf(bus, 'pool:task-done');
	expect(
		done
			.filter((event) => event.ok)
			.map((event) => event.first)
			.sort(),
	).toEqual([1, 2, 3, 4, 5]);
	expect(done.filter((event) => !event.ok).map((event) => event.first)).toEqual([0]);
	gates.remove();
});

test('a worker killed while idle is replaced without failing anything', async () => {
	const pool = new Pool({processes: 1, orchestrator: orchestrator()});
	const {bus} = orchestrator();
	const ready = await waitForEvent(bus, 'pool:worker-ready');
	orchestrator().find(ready.processId)?.kill();
	const died = await waitForEvent(bus, 'pool:worker-died');
	expect(died).toMatchObject({processId: ready.processId, taskId: undefined, requeued: 0});
	await waitForEvent(bus, 'pool:worker-replaced');
	expect(await pool.map(poolTask('square'), [7])).toEqual([49]);
});
