import {describe, expect, test} from 'vitest';
import {toErrorInfo} from '../../source/core/errors.js';
import {
	Pool,
	ProcdashError,
	Process,
	RemoteError,
	SpawnError,
	TaskLoadError,
	Thread,
	task,
} from '../../source/index.js';
import {orchestratorPerTest, rejectionOf, waitForEvent} from '../helpers/pool.js';

const errorTasks = new URL('../fixtures/error-tasks.js', import.meta.url);
const orchestrator = orchestratorPerTest();

/** The error a task ends with, run as a Process, a Thread, or on a pool of either backend. */
const runners = {
	Process: async (exportName: string) => {
		const child = new Process({target: task(errorTasks, exportName), orchestrator: orchestrator()});
		await child.start();
		expect(await child.join()).toBe(1);
		return child.error as Error;
	},
	Thread: async (exportName: string) => {
		const thread = new Thread({target: task(errorTasks, exportName), orchestrator: orchestrator()});
		await thread.start();
		expect(await thread.join()).toBe(1);
		return thread.error as Error;
	},
	'a process pool': async (exportName: string) => {
		await using pool = new Pool({processes: 1, orchestrator: orchestrator()});
		return await rejectionOf(pool.apply(task(errorTasks, exportName)));
	},
	'a thread pool': async (exportName: string) => {
		await using pool = new Pool({processes: 1, backend: 'thread', orchestrator: orchestrator()});
		return await rejectionOf(pool.apply(task(errorTasks, exportName)));
	},
};

describe.each(Object.entries(runners))('an error thrown in %s', (_, errorOf) => {
	test('keeps its code, its other JSON fields and its cause, rebuilt', async () => {
		const error = (await errorOf('throwDetailed')) as RemoteError;

		expect(error).toBeInstanceOf(RemoteError);
		expect(error.name).toBe('QuotaError');
		expect(error.message).toBe('quota exceeded');
		expect(error.code).toBe('E_QUOTA');
		expect(error).toMatchObject({status: 507, details: {used: 10, limit: [8, 'GiB']}});
		expect(error.fields).toEqual({status: 507, details: {used: 10, limit: [8, 'GiB']}});
		expect(error).not.toHaveProperty('retry');
		expect(error).not.toHaveProperty('bytes');
		const cause = error.cause as Error;
		expect(cause).toBeInstanceOf(TypeError);
		expect(cause.message).toBe('disk unreachable');
		expect(cause.stack).toContain('throwDetailed');
		expect(cause.cause).toEqual({device: 'sda', tries: 3});
	});

	test('of a built-in class keeps a code that is not a string', async () => {
		const error = await errorOf('throwNumericCode');

		expect(error).toBeInstanceOf(RangeError);
		expect((error as RangeError & {code: unknown}).code).toBe(42);
	});

	test('that is a missing export is a TaskLoadError the parent can test with instanceof', async () => {
		const error = await errorOf('noSuchExport');

		expect(error).toBeInstanceOf(TaskLoadError);
		expect(error).toBeInstanceOf(ProcdashError);
		expect(error.message).toContain("no exported function 'noSuchExport'");
	});
});

test('the bus tells the fields and the cause as data', async () => {
	const child = new Process({
		target: task(errorTasks, 'throwDetailed'),
		orchestrator: orchestrator(),
	});
	await child.start();
	await child.join();

	const {error} = await waitForEvent(orchestrator().bus, 'process:error');
	expect(error).toMatchObject({
		name: 'QuotaError',
		code: 'E_QUOTA',
		fields: {status: 507, details: {used: 10, limit: [8, 'GiB']}},
		cause: {
			error: {
				name: 'TypeError',
				message: 'disk unreachable',
				cause: {value: {device: 'sda', tries: 3}},
			},
		},
	});
	expect(JSON.parse(JSON.stringify(error))).toEqual(error);
});

test('a command that cannot start has a SpawnError with its code', async () => {
	const child = new Process({command: 'procdash-no-such-command', orchestrator: orchestrator()});
	await child.start();

	expect(await child.join()).toBe(127);
	expect(child.error).toBeInstanceOf(SpawnError);
	expect(child.error).toBeInstanceOf(ProcdashError);
	expect((child.error as SpawnError).code).toBe('ENOENT');
});

test('what crosses is bounded: 16 fields of at most 2 KiB as JSON, 4 causes deep', () => {
	const many = Object.assign(
		new Error('many'),
		Object.fromEntries(Array.from({length: 20}, (_, index) => [`field${index}`, index])),
		{big: 'x'.repeat(4096)},
	);
	let deep = new Error('cause 10');
	for (let depth = 9; depth >= 0; depth--) deep = new Error(`cause ${depth}`, {cause: deep});

	const fields = toErrorInfo(many).fields ?? {};
	expect(Object.keys(fields)).toHaveLength(16);
	expect(fields).not.toHaveProperty('big');
	let info = toErrorInfo(deep);
	const chain = [info.message];
	while (info.cause && 'error' in info.cause) {
		info = info.cause.error;
		chain.push(info.message);
	}
	expect(chain).toEqual(['cause 0', 'cause 1', 'cause 2', 'cause 3', 'cause 4']);
});
