import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	createOrchestrator,
	type Orchestrator,
	Pool,
	Process,
	SharedArray,
	task,
	Value,
} from '../../source/index.js';
import {poolTask} from '../helpers/pool.js';
import {describePids, livingDescendants} from '../helpers/processes.js';

const fixtures = new URL('../fixtures/tasks.js', import.meta.url);

// A script without the execute bit.
const scratch = mkdtempSync(path.join(tmpdir(), 'procdash-bad-input-'));
const notExecutable = path.join(scratch, 'script.sh');
writeFileSync(notExecutable, 'echo never\n', {mode: 0o644});

/** The error a bad input ends in: thrown, rejected, or (for a task child) the child's own error. */
async function errorOf(action: () => unknown): Promise<Error> {
	try {
		await action();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the bad input to be refused, but it was accepted');
}

/** Runs a task to its end and throws the error it ended with, checking its exit code. */
async function runTask(orchestrator: Orchestrator, target: ReturnType<typeof task>) {
	const child = new Process({target, orchestrator});
	await child.start();
	expect(await child.join()).toBe(1);
	throw child.error;
}

/** Runs a command to its end and throws why it could not start, checking its exit code. */
async function runCommand(orchestrator: Orchestrator, command: string, exitcode: number) {
	const child = new Process({command, orchestrator});
	await child.start();
	expect(await child.join()).toBe(exitcode);
	throw child.error;
}

/** A pool of one for a single call, terminated whatever happens. */
async function withPool(orchestrator: Orchestrator, call: (pool: Pool) => Promise<unknown>) {
	const pool = new Pool({processes: 1, orchestrator});
	try {
		return await call(pool);
	} finally {
		await pool.terminate();
	}
}

// [bad input, what to do with it, the error's name, what its message must say]
const table: readonly [string, (o: Orchestrator) => unknown, string, RegExp][] = [
	[
		'an invalid typecode',
		(o) => new Value('z' as 'i', 0, {orchestrator: o}),
		'TypeError',
		/^Value\(\): unknown typecode "z"; use one of 'b' \(signed char\), .*'d' \(double\)$/,
	],
	[
		'an invalid typecode for an array',
		(o) => new SharedArray('x' as 'i', 3, {orchestrator: o}),
		'TypeError',
		/^SharedArray\(\): unknown typecode "x"; use one of /,
	],
	[
		'a Value set to the wrong type',
		(o) => new Value('i', 0, {name: 'hits', orchestrator: o}).set('ten' as unknown as number),
		'TypeError',
		/^hits: typecode 'i' takes an integer, got "ten"$/,
	],
	[
		'a Value set to a fraction',
		(o) => {
			new Value('i', 0, {name: 'hits', orchestrator: o}).value = 1.5;
		},
		'TypeError',
		/^hits: typecode 'i' takes an integer, got 1.5$/,
	],
	[
		'a negative pool size',
		(o) => new Pool({processes: -2, orchestrator: o}),
		'RangeError',
		/^Pool\(\): processes must be a whole number ≥ 1, got -2$/,
	],
	[
		'a chunksize of 0',
		(o) => withPool(o, (pool) => pool.map(poolTask('square'), [1, 2], {chunksize: 0})),
		'RangeError',
		/^map\(\): chunksize must be a whole number ≥ 1, got 0$/,
	],
	[
		'a join timeout that is not a number',
		async (o) => {
			const child = new Process({command: 'true', orchestrator: o});
			await child.start();
			await child.join();
			await child.join('5s' as unknown as number);
		},
		'TypeError',
		/^join\(\): timeoutMs must be a number of milliseconds ≥ 0, got "5s"$/,
	],
	[
		'a task module that does not exist',
		(o) => runTask(o, task(new URL('../fixtures/no-such-tasks.js', import.meta.url), 'work')),
		'TaskLoadError',
		/^task module file:\/\/\S+\/no-such-tasks\.js does not exist; check the module given to task\(\)/,
	],
	[
		'a task module that lacks the export',
		(o) => runTask(o, task(fixtures, 'noSuchExport')),
		'TaskLoadError',
		/^task module file:\/\/\S+\/tasks\.js has no exported function 'noSuchExport' \(it exports: .*echo.*\)$/,
	],
	[
		'a task that returns something not cloneable',
		(o) => runTask(o, task(new URL('../fixtures/pool-tasks.js', import.meta.url), 'unsendable')),
		'DataCloneError',
		/^task 'unsendable' returned a value that cannot be sent to the parent: .* could not be cloned/,
	],
	[
		'a pool task that returns something not cloneable',
		(o) => withPool(o, (pool) => pool.apply(poolTask('unsendable'))),
		'DataCloneError',
		/^task 'unsendable' returned a value that cannot be sent to the parent/,
	],
	[
		'a pool task whose module lacks the export',
		(o) => withPool(o, (pool) => pool.apply(poolTask('noSuchExport'))),
		'TaskLoadError',
		/has no exported function 'noSuchExport'/,
	],
	[
		'arguments that cannot be sent to a child',
		(o) => new Process({target: task(fixtures, 'echo'), args: [() => 1], orchestrator: o}).start(),
		'TypeError',
		/^args of Process-\S+ cannot be sent to a child process: .* could not be cloned/,
	],
	[
		'a command that does not exist',
		(o) => runCommand(o, 'no-such-command-procdash', 127),
		'SpawnError',
		/^command 'no-such-command-procdash' not found \(ENOENT\); check the name and PATH$/,
	],
	[
		'a command that is not executable',
		(o) => runCommand(o, notExecutable, 126),
		'SpawnError',
		/^command '\S+\/script\.sh' cannot be executed \(EACCES\); check that it is a program you may run \(chmod \+x\)/,
	],
];

describe('bad input to the library: one clear error each, nothing else disturbed, nothing left', () => {
	let orchestrator: Orchestrator;
	let sentinel: Process;

	beforeAll(async () => {
		// Something else running all along, which no bad input may disturb
		orchestrator = createOrchestrator();
		sentinel = new Process({command: 'sleep', args: ['60'], name: 'sentinel', orchestrator});
		await sentinel.start();
	});

	afterAll(async () => {
		expect((await orchestrator.stop({graceMs: 1000})).survivors).toEqual([]);
		rmSync(scratch, {recursive: true, force: true});
	});

	test.each(table)('%s', async (_input, action, name, message) => {
		const error = await errorOf(() => action(orchestrator));

		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe(name);
		expect(error.message).toMatch(message);
		expect(sentinel.isAlive()).toBe(true);
		expect(orchestrator.live()).toEqual([sentinel]);
		const left = await livingDescendants([sentinel.pid, orchestrator.watchdogPid]);
		expect(describePids(left)).toEqual([]);
	});
});
