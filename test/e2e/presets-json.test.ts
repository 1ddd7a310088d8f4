import {expect, test} from 'vitest';
import type {BusEvent} from '../../source/core/events/index.js';
import {type CliRun, expectNoneRunning, pidsIn, runCli} from '../helpers/cli.js';

// Each preset runs headless through the built command, and its summary is checked against the
// figures the issue gives (Python 3.11 on these machines). Time bounds are wide enough that only a
// wrong behaviour, not a slow machine, can break them.

async function preset(name: string): Promise<CliRun> {
	const run = await runCli([name, '--json']);
	await expectNoneRunning(pidsIn(run.events));
	return run;
}

function exitcodes(run: CliRun): Record<string, number | null> {
	return Object.fromEntries(
		(run.summary?.processes ?? []).map(({name, exitcode}) => [name, exitcode]),
	);
}

function outputOf(run: CliRun, name: string): string[] {
	return run.events
		.filter(
			(event): event is Extract<BusEvent, {type: 'process:output'}> =>
				event.type === 'process:output' && event.name === name,
		)
		.map((event) => event.line);
}

test('every line of --json is one event, and the summary comes last with every field', async () => {
	const run = await preset('fork');
	const lines = run.stdout.trimEnd().split('\n');
	expect(lines.length).toBe(run.events.length + 1);
	expect(JSON.parse(lines.at(-1) as string).type).toBe('summary');
	expect(run.events.map((event) => event.seq)).toEqual(run.events.map((_, index) => index + 1));
	expect(Object.keys(run.summary ?? {})).toEqual([
		'type',
		'scenario',
		'elapsedMs',
		'processes',
		'values',
		'locks',
		'pools',
		'queues',
		'pipes',
		'sync',
		'managed',
		'ok',
		'notes',
	]);
	expect(run.summary).toMatchObject({
		values: {},
		locks: {},
		pools: {},
		queues: {},
		pipes: {},
		sync: {},
		managed: {},
	});
});

test('parallel: four 1 s sleeps take about 1 s in all; each reports its pid and its parent pid', async () => {
	const run = await preset('parallel');
	expect(run.exitcode).toBe(0);
	expect(run.summary?.ok).toBe(true);
	// One after another they would take 4 s; side by side, 1 s plus four cold Node boots, which a
	// busy 2-core machine can stretch past half a second. Below 2.5 s is parallel beyond doubt.
	expect(run.summary?.elapsedMs).toBeGreaterThanOrEqual(1000);
	expect(run.summary?.elapsedMs).toBeLessThan(2500);
	const processes = run.summary?.processes ?? [];
	expect(processes).toHaveLength(4);
	for (const child of processes) {
		expect(child).toMatchObject({ppid: run.pid, exitcode: 0});
		expect(outputOf(run, child.name)[0]).toBe(
			`${child.name}: pid ${child.pid}, parent pid ${run.pid}, sleeping 1000 ms`,
		);
	}
	expect(new Set(processes.map((child) => child.pid)).size).toBe(4);
});

test('join-timeout: still alive after the 5 s join, then terminated with -15', async () => {
	const run = await preset('join-timeout');
	expect(run.exitcode).toBe(0);
	expect(exitcodes(run)).toEqual({sleeper: -15});
	expect(run.summary?.elapsedMs).toBeGreaterThanOrEqual(5000);
	expect(run.summary?.elapsedMs).toBeLessThan(6000);
	expect(run.summary?.notes[0]).toMatch(
		/^join\(5000\) returned after 5\.\d\d s with the child still alive; terminate\(\) gave exit code -15$/,
	);
});

test('daemon: the parent finishes after ~1 s, the daemon dies with it, a daemon may not have a child', async () => {
	const run = await preset('daemon');
	expect(run.exitcode).toBe(0);
	expect(exitcodes(run)).toEqual({daemon: -15, worker: 0, 'daemon-parent': 1});
	// The daemon would run 5 s: ending under 3 s means the parent did not wait for it.
	expect(run.summary?.elapsedMs).toBeGreaterThanOrEqual(1000);
	expect(run.summary?.elapsedMs).toBeLessThan(3000);
	const refused = run.events.find((event) => event.type === 'process:error');
	expect(refused).toMatchObject({
		name: 'daemon-parent',
		error: {name: 'DaemonError', message: 'daemonic processes are not allowed to have children'},
	});
});

test("fork: the parent gets the clone's pid, the clone gets 0; the clone's 100 stays its own", async () => {
	const run = await preset('fork');
	expect(run.exitcode).toBe(0);
	const [clone] = run.summary?.processes ?? [];
	expect(clone).toMatchObject({name: 'clone', ppid: run.pid, exitcode: 0});
	const returned = run.events.find((event) => event.type === 'process:returned');
	expect(returned).toMatchObject({value: {forkResult: 0, pid: clone?.pid, counter: 100}});
	expect(run.summary?.notes).toEqual([
		`parent: fork() returned ${clone?.pid} (the clone's pid); clone: fork() returned 0`,
		'counter: 100 in the clone, still 0 in the parent',
		'the clone is a fresh Node runtime given a copy of the state, not a copy of the running parent',
	]);
});

test('exit-codes: return 0, throw 1, exit(3) 3, terminate -15, kill -9', async () => {
	const run = await preset('exit-codes');
	expect(run.exitcode).toBe(0);
	expect(exitcodes(run)).toEqual({
		returns: 0,
		throws: 1,
		'exits-3': 3,
		terminated: -15,
		killed: -9,
	});
	const thrown = run.events.find((event) => event.type === 'process:error');
	expect(thrown).toMatchObject({
		name: 'throws',
		error: {name: 'Error', message: 'raised on purpose'},
	});
});

test('async-commands: three commands at once, each line streamed as printed, interleaved', async () => {
	const run = await preset('async-commands');
	expect(run.exitcode).toBe(0);
	expect(exitcodes(run)).toEqual({download: 0, compile: 0, test: 0});
	expect(outputOf(run, 'download')).toEqual([
		'chunk 1 of 4',
		'chunk 2 of 4',
		'chunk 3 of 4',
		'chunk 4 of 4',
	]);
	expect(outputOf(run, 'compile')).toEqual([
		'compiled parser.c',
		'compiled lexer.c',
		'compiled main.c',
	]);
	expect(outputOf(run, 'test')).toHaveLength(6);
	// Side by side: about the slowest (1.05 s), well below the sum (3.05 s).
	expect(run.summary?.elapsedMs).toBeGreaterThanOrEqual(1000);
	expect(run.summary?.elapsedMs).toBeLessThan(2500);
	// Streamed: the first lines arrive long before the commands end.
	const firstLine = run.events.find((event) => event.type === 'process:output');
	const lastExit = run.events.filter((event) => event.type === 'process:exited').at(-1);
	expect((lastExit?.at ?? 0) - (firstLine?.at ?? 0)).toBeGreaterThan(700);
});
