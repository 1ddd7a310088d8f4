import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterEach, expect, test} from 'vitest';
import {createOrchestrator, type Orchestrator, Process, task} from '../../../source/index.js';
import {parallel} from '../../../source/scenarios/parallel.js';
import {runScenario} from '../../../source/scenarios/run.js';
import type {Identity} from '../../fixtures/tasks.js';
import {describePids, isRunning, settledDescendants, waitFor} from '../../helpers/processes.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);
let orchestrator: Orchestrator | undefined;

afterEach(async () => {
	const current = orchestrator;
	orchestrator = undefined;
	if (!current) return;
	expect((await current.stop({graceMs: 1000})).survivors).toEqual([]);
	// The spares are stopped with the orchestrator: nothing is left, not even an idle runtime.
	const left = await settledDescendants(() => [current.watchdogPid]);
	expect(describePids(left)).toEqual([]);
});

async function readySpares(count: number): Promise<Orchestrator> {
	orchestrator = createOrchestrator({spares: count});
	const spares = orchestrator;
	// A spare is ready once it has told its parent it is listening; take() hands out only those.
	await waitFor(() => spares.spareCount() === count, {
		timeoutMs: 10_000,
		message: `${count} spares ready`,
	});
	return spares;
}

test('a task started on a spare behaves as a cold start does: names, pids, result, exit code', async () => {
	const warm = await readySpares(2);
	const sparePids = warm.sparePids();
	const child = new Process({target: task(tasks, 'whoAmI'), name: 'warm', orchestrator: warm});
	await child.start();
	// It runs on one of the runtimes that were booted before it was asked for.
	expect(sparePids).toContain(child.pid);
	expect(await child.join()).toBe(0);
	const seen = child.result as Identity;
	expect(seen).toMatchObject({
		name: 'warm',
		pid: child.pid,
		ppid: process.pid,
		parentName: 'MainProcess',
		parentPid: process.pid,
	});
});

test('spares boot from the turn after the orchestrator is made, not during the code that made it', async () => {
	orchestrator = createOrchestrator({spares: 2});
	// What made it (the dashboard: its first frame) goes on without their boots competing.
	expect(orchestrator.sparePids()).toEqual([]);
	await new Promise((resolve) => setImmediate(resolve));
	expect(orchestrator.sparePids()).toHaveLength(2);
});

test('an orchestrator stopped in the turn it was made boots no spare', async () => {
	const stopped = createOrchestrator({spares: 2});
	const outcome = stopped.stop({graceMs: 1000});
	await new Promise((resolve) => setImmediate(resolve));
	expect(stopped.sparePids()).toEqual([]);
	expect((await outcome).survivors).toEqual([]);
	expect(describePids(await settledDescendants(() => [stopped.watchdogPid]))).toEqual([]);
});

test('a spare that is taken is replaced in the background', async () => {
	const warm = await readySpares(1);
	const [first] = warm.sparePids();
	const child = new Process({target: task(tasks, 'echo'), args: ['x'], orchestrator: warm});
	await child.start();
	expect(child.pid).toBe(first);
	await waitFor(() => warm.spareCount() === 1 && !warm.sparePids().includes(first as number), {
		timeoutMs: 10_000,
		message: 'a new spare',
	});
	await child.join();
	expect(child.result).toBe('x');
});

test('exit codes, errors and signals are the same on a spare', async () => {
	const warm = await readySpares(3);
	const threw = new Process({target: task(tasks, 'fail'), args: ['boom'], orchestrator: warm});
	const exited = new Process({target: task(tasks, 'exitWith'), args: [3], orchestrator: warm});
	const slept = new Process({target: task(tasks, 'sleep'), args: [30_000], orchestrator: warm});
	for (const child of [threw, exited, slept]) await child.start();
	slept.terminate();
	expect(await threw.join()).toBe(1);
	expect(threw.error?.message).toBe('boom');
	expect(await exited.join()).toBe(3);
	expect(await slept.join()).toBe(-15);
});

test('a task that asks for its own cwd or env starts cold', async () => {
	const warm = await readySpares(1);
	const sparePids = warm.sparePids();
	const child = new Process({
		target: task(tasks, 'echo'),
		args: [1],
		cwd: '/tmp',
		orchestrator: warm,
	});
	await child.start();
	expect(sparePids).not.toContain(child.pid);
	expect(await child.join()).toBe(0);
});

test('spares die with their orchestrator', async () => {
	const warm = await readySpares(2);
	const pids = warm.sparePids();
	expect(pids.every(isRunning)).toBe(true);
	await warm.stop({graceMs: 500});
	await waitFor(() => !pids.some(isRunning), {message: 'spares gone'});
});

test('idle spares do not keep their program alive, and go when it exits', async () => {
	// A program whose only work is a timer: once it fires, nothing but the spares could hold it open.
	const index = new URL('../../../source/index.js', import.meta.url).href;
	const program = `import {createOrchestrator} from ${JSON.stringify(index)};
const orchestrator = createOrchestrator({spares: 2});
setTimeout(() => console.log(JSON.stringify(orchestrator.sparePids())), 1500);`;
	const {stdout} = await promisify(execFile)(
		process.execPath,
		['--input-type=module', '-e', program],
		{timeout: 15_000},
	);
	const pids = JSON.parse(stdout) as number[];
	expect(pids).toHaveLength(2);
	await waitFor(() => !pids.some(isRunning), {message: 'spares gone with their program'});
});

test('spares import ahead the modules they are told to preload and those of tasks started before', async () => {
	const preloaded = new URL('../../fixtures/pool-tasks.js', import.meta.url);
	orchestrator = createOrchestrator({spares: 1, preload: [preloaded]});
	const warm = orchestrator;
	await waitFor(() => warm.spareCount() === 1, {timeoutMs: 10_000, message: 'a spare ready'});
	const first = new Process({target: task(tasks, 'runtimeArgv'), orchestrator: warm});
	await first.start();
	await first.join();
	// The spare it ran on was booted before tasks.js was ever asked for; its replacement knows it.
	expect(first.result).toEqual(['--spare', preloaded.href]);
	await waitFor(() => warm.spareCount() === 1, {timeoutMs: 10_000, message: 'a new spare'});
	const second = new Process({target: task(tasks, 'runtimeArgv'), orchestrator: warm});
	await second.start();
	await second.join();
	expect(second.result).toEqual(['--spare', preloaded.href, tasks.href]);
});

test('preload is checked up front: a TypeError names the option', () => {
	expect(() => createOrchestrator({preload: 'x' as never})).toThrow(/preload must be an array/);
	expect(() => createOrchestrator({preload: [42 as never]})).toThrow(/preload: module must be/);
});

test('warm and cold starts look the same on the bus: the same events, in the same order on each stream', async () => {
	const cold = createOrchestrator();
	const warm = await readySpares(1);
	// The lines come on two pipes and the result on the IPC channel: within each the order is
	// fixed, but the three interleave as the scheduler has it (under load 'out last' came before
	// 'err one' in one run and after 'process:returned' in the other). So each is compared apart.
	const shapeOf = async (owner: Orchestrator) => {
		const child = new Process({
			target: task(tasks, 'printLines'),
			name: 'same',
			orchestrator: owner,
		});
		await child.start();
		await child.join();
		const events = owner.bus.history().filter((event) => 'id' in event && event.id === child.id);
		const on = (stream: string) =>
			events
				.filter((event) => (event.type === 'process:output' ? event.stream : 'process') === stream)
				.map(({seq: _seq, at: _at, ...event}) => ({
					...event,
					pid: 'pid' in event ? typeof event.pid : undefined,
				}));
		return {process: on('process'), stdout: on('stdout'), stderr: on('stderr')};
	};
	try {
		expect(await shapeOf(warm)).toEqual(await shapeOf(cold));
	} finally {
		await cold.stop({graceMs: 1000});
	}
});

test('spares killed at the stop are not reported as processes that escaped their group', async () => {
	// Given spares that are ready (they carry the orchestrator's token, as its children do)
	const warm = await readySpares(2);
	orchestrator = undefined;
	// When the orchestrator stops, and its scan for escapees may run before the kernel reaps them
	const outcome = await warm.stop({graceMs: 1000});
	// Then nothing escaped and nothing survived
	expect(outcome.escaped).toBeUndefined();
	expect(outcome.survivors).toEqual([]);
});

test('warm(n) boots n runtimes on an orchestrator that keeps none, resolves once they are ready, and lets them go without replacing them', async () => {
	orchestrator = createOrchestrator();
	const warm = orchestrator;
	expect(warm.spareCount()).toBe(0);
	await warm.warm(3, [tasks]);
	// Resolved only once all three told they are listening.
	expect(warm.spareCount()).toBe(3);
	const booted = warm.sparePids();
	const children = booted.map(
		() => new Process({target: task(tasks, 'echo'), args: ['x'], orchestrator: warm}),
	);
	for (const child of children) await child.start();
	expect(children.map((child) => child.pid).sort()).toEqual([...booted].sort());
	for (const child of children) expect(await child.join()).toBe(0);
	// None booted in their place: an orchestrator that keeps no spares keeps none after a warm-up.
	expect(warm.sparePids()).toEqual([]);
});

test('a preset that warms up starts its processes on runtimes booted before its clock', async () => {
	orchestrator = createOrchestrator();
	const warm = orchestrator;
	let bootedBeforeTheClock: number[] = [];
	warm.bus.subscribe((event) => {
		// The first process the lesson creates: the spares it will run on were booted by then.
		if (event.type === 'process:created' && bootedBeforeTheClock.length === 0)
			bootedBeforeTheClock = warm.sparePids();
	});
	const outcome = await runScenario(warm, parallel);
	expect(outcome.ok).toBe(true);
	const started = warm.bus
		.history()
		.flatMap((event) => (event.type === 'process:started' ? [event.pid] : []));
	expect(bootedBeforeTheClock).toHaveLength(4);
	expect(started.sort()).toEqual([...bootedBeforeTheClock].sort());
});
