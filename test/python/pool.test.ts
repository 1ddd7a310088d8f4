import {describe, expect, test} from 'vitest';
import {
	eventsOf,
	pythonFixture,
	reportingEnv,
	reportServerPerTest,
	runPython,
} from '../helpers/python-report.js';

const sleeps = pythonFixture('sleeps.py');
const startServer = reportServerPerTest();

/** Tasks queued minus tasks done, after each event in the order they came. */
function queueDepths(events: readonly Record<string, unknown>[]): number[] {
	let depth = 0;
	const depths: number[] = [];
	for (const event of events) {
		if (event.type === 'pool:task-queued') depth += event.tasks as number;
		else if (event.type === 'pool:task-done') depth -= 1;
		else continue;
		depths.push(depth);
	}
	return depths;
}

describe.each(['fork', 'spawn', 'forkserver'])('Pool(4).map over sixteen sleeps (%s)', (method) => {
	test('the pool, its four workers and its sixteen tasks are reported, and its queue drains; output and exit code as a plain run', async () => {
		// Given the program run plain, then with the reporter and a receiver
		const plain = await runPython([sleeps, method]);
		const server = await startServer();
		const run = await runPython([sleeps, method], reportingEnv(server.path));
		await server.allEnded(2);

		// Then it printed the same and ended the same
		expect(plain).toMatchObject({exitcode: 0, stdout: 'sum 1240\n'});
		expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});

		// And the pool and its four workers were reported by the program
		const [pool] = eventsOf(server.events, 'pool:created');
		expect(pool).toMatchObject({pool: 'Pool-1', processes: 4, maxTasksPerChild: null});
		const workers = eventsOf(server.events, 'pool:worker-started');
		expect(workers).toHaveLength(4);
		for (const worker of workers) {
			expect(worker).toMatchObject({poolId: pool?.poolId, processId: `p${worker.pid}`});
		}
		const workerPids = new Set(workers.map(({pid}) => pid));

		// And sixteen tasks (chunks of one item) were queued at once, each started and done once
		expect(eventsOf(server.events, 'pool:task-queued')).toEqual([
			{type: 'pool:task-queued', poolId: pool?.poolId, pool: 'Pool-1', tasks: 16, count: 16},
		]);
		const started = eventsOf(server.events, 'pool:task-started');
		const done = eventsOf(server.events, 'pool:task-done');
		expect(new Set(started.map(({taskId}) => taskId)).size).toBe(16);
		expect(new Set(done.map(({taskId}) => taskId))).toEqual(
			new Set(started.map(({taskId}) => taskId)),
		);
		expect(done.map(({first}) => first).sort((a, b) => Number(a) - Number(b))).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
		]);
		for (const task of done) {
			expect(task).toMatchObject({call: 'map', count: 1, ok: true, poolId: pool?.poolId});
			expect(workerPids.has(Number(String(task.processId).slice(1)))).toBe(true);
		}

		// And each worker that ran a task said hello itself, and that it was ready for tasks
		// (under spawn on a busy machine, the others may finish the map before one has booted)
		const busy = new Set(done.map(({processId}) => processId));
		const hellos = new Set(server.connections.map(({hello}) => `p${hello?.pid}`));
		const ready = new Set(
			eventsOf(server.events, 'pool:worker-ready').map(({processId}) => processId),
		);
		expect(hellos.has(`p${run.pid}`)).toBe(true);
		for (const worker of busy) {
			expect(hellos.has(String(worker))).toBe(true);
			expect(ready.has(worker)).toBe(true);
		}

		// And the queue's depth went up, then drained to nothing
		const depths = queueDepths(server.events);
		expect(Math.max(...depths)).toBeGreaterThan(0);
		expect(depths.at(-1)).toBe(0);

		// And the with-block's end terminated the pool and its workers
		expect(eventsOf(server.events, 'pool:closed')).toMatchObject([{how: 'terminated'}]);
		const exited = eventsOf(server.events, 'process:exited');
		expect(new Set(exited.map(({pid}) => pid))).toEqual(workerPids);
	});
});
