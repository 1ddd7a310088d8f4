import {expect, test} from 'vitest';
import {threads} from '../../source/scenarios/threads.js';
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
	// As `ps -L` shows a thread: its process's pid, and that process's parent (this test) as ppid.
	for (const started of threadStarts) {
		expect(started).toMatchObject({pid: run.pid, ppid: process.pid});
	}
	// What the threads did reached the bus by sampling their memory.
	expect(
		run.events.some(
			(event) => event.type === 'value:changed' && event.name === 'in threads' && event.sampled,
		),
	).toBe(true);
	expect(run.summary?.processes.map((child) => child.exitcode)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);

	// What the description promises is what a run gives: over IPC thousands of adds, not tens of
	// thousands (a round trip each), while the threads add a hundred times more at the least.
	expect(threads.about).toContain('`over IPC` counts in thousands');
	const [, inThreads, overIpc] = /in threads: (\d+) adds; over IPC: (\d+) adds/.exec(
		run.summary?.notes[0] ?? '',
	) ?? ['', '0', '0'];
	expect(Number(overIpc)).toBeLessThan(100_000);
	expect(Number(inThreads)).toBeGreaterThan(100 * Number(overIpc));
});
