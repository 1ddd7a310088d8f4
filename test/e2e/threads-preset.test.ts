import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

test('threads: four threads and four processes add without a loss; the threads run in procdash itself', async () => {
	const run = await runCli(['threads', '--json']);
	// The threads' pid is procdash's own: it has ended with the run, and so must the processes.
	await expectNoneRunning(pidsIn(run.events));

	expect(run.exitcode).toBe(0);
	expect(run.summary?.ok).toBe(true);
	const created = run.events.filter((event) => event.type === 'process:created');
	expect(created.map((event) => event.kind)).toEqual([
		'thread',
		'thread',
		'thread',
		'thread',
		'task',
		'task',
		'task',
		'task',
	]);
	const threadStarts = run.events.filter(
		(event) => event.type === 'process:started' && event.threadId !== undefined,
	);
	expect(threadStarts).toHaveLength(4);
	for (const started of threadStarts) {
		expect(started).toMatchObject({pid: run.pid, ppid: run.pid});
	}
	// What the threads did reached the bus by sampling their memory.
	expect(
		run.events.some(
			(event) => event.type === 'value:changed' && event.name === 'in threads' && event.sampled,
		),
	).toBe(true);
	expect(run.summary?.processes.map((child) => child.exitcode)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
});
