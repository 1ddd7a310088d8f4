import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

const pool4 = fileURLToPath(new URL('../../../test/fixtures/pool4.py', import.meta.url));

test('run: a Python multiprocessing.Pool(4) shows its four worker pids under it in the events', async () => {
	// Given a Python program whose pool workers print their pids
	const run = await runCli(['run', '--json', '--', 'python3', pool4]);

	// Then it ran to the end
	expect(run.exitcode).toBe(0);
	const [python] = run.summary?.processes ?? [];
	expect(python).toMatchObject({name: 'python3', ppid: run.pid, exitcode: 0});
	const lines = run.events.flatMap((event) =>
		event.type === 'process:output' ? [event.line] : [],
	);
	expect(lines).toContain('sum 140');
	const workers = lines.flatMap((line) => {
		const match = /^worker (\d+) parent (\d+)$/.exec(line);
		return match ? [{pid: Number(match[1]), ppid: Number(match[2])}] : [];
	});
	expect(workers).toHaveLength(4);

	// And the stats sampler found each worker as a descendant of python3, with CPU and memory
	const sampled = run.events.flatMap((event) =>
		event.type === 'stats:sampled' ? event.processes : [],
	);
	for (const worker of workers) {
		expect(worker.ppid).toBe(python?.pid);
		const found = sampled.find((stats) => stats.pid === worker.pid);
		expect(found).toMatchObject({ppid: python?.pid, command: 'python3'});
		expect(found?.memory).toBeGreaterThan(0);
	}
	await expectNoneRunning(pidsIn(run.events));
});

test('run: a command that does not exist exits 127 with "not found", and procdash exits 1', async () => {
	const run = await runCli(['run', '--json', '--', 'no-such-command-procdash', '--flag']);
	expect(run.exitcode).toBe(1);
	expect(run.summary).toMatchObject({
		ok: false,
		processes: [{name: 'no-such-command-procdash', pid: null, exitcode: 127}],
		notes: [
			"no-such-command-procdash: command 'no-such-command-procdash' not found (ENOENT); check the name and PATH",
		],
	});
	const error = run.events.find((event) => event.type === 'process:error');
	expect(error).toMatchObject({error: {name: 'SpawnError', code: 'ENOENT'}});
});

test('run: several commands at once, no shell unless asked, each with its own exit code', async () => {
	const run = await runCli([
		'run',
		'--json',
		'--',
		'echo hello world',
		'--',
		'sh -c "echo oops >&2; exit 3"',
		'--',
		'echo',
		'a  $b',
	]);
	expect(run.exitcode).toBe(1);
	expect(run.summary?.processes.map(({name, exitcode}) => [name, exitcode])).toEqual([
		['echo', 0],
		['sh', 3],
		['echo-2', 0],
	]);
	const output = run.events.flatMap((event) =>
		event.type === 'process:output' ? [[event.name, event.stream, event.line]] : [],
	);
	expect(output).toEqual(
		expect.arrayContaining([
			['echo', 'stdout', 'hello world'],
			['sh', 'stderr', 'oops'],
			// Given as argv after --, the word reaches echo as it is: no shell expands or splits it.
			['echo-2', 'stdout', 'a  $b'],
		]),
	);
	expect(run.summary?.notes[0]).toBe('1 of 3 commands failed: sh');
	await expectNoneRunning(pidsIn(run.events));
});
