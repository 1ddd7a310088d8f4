import {describe, expect, it} from 'vitest';
import {Process, RemoteError, task} from '../../../source/index.js';
import {eventsOf, useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('Process exitcode', () => {
	const orchestrator = useOrchestrator();

	function taskProcess(exportName: string, args: unknown[] = []): Process {
		return new Process({target: task(tasks, exportName), args, orchestrator: orchestrator()});
	}

	it('is 0 when the task returns, and result holds what it returned', async () => {
		const child = taskProcess('echo', [{answer: 42, list: [1, 'two']}]);
		await child.start();

		expect(await child.join()).toBe(0);
		expect(child.exitcode).toBe(0);
		expect(child.result).toEqual({answer: 42, list: [1, 'two']});
		expect(child.error).toBeUndefined();
	});

	it('carries a Map, a Set, a bigint and a Date back from the task', async () => {
		const child = taskProcess('richValue');
		await child.start();
		await child.join();

		expect(child.exitcode).toBe(0);
		const value = child.result as Record<string, unknown>;
		expect(value.map).toBeInstanceOf(Map);
		expect([...(value.map as Map<string, number>)]).toEqual([
			['one', 1],
			['two', 2],
		]);
		expect(value.set).toEqual(new Set(['a', 'b']));
		expect(value.big).toBe(2n ** 70n);
		expect(value.when).toEqual(new Date(0));
		expect(value.nested).toEqual({list: [1, 'two', null]});
		const returned = await waitForEvent(orchestrator().bus, 'process:returned');
		expect(returned.id).toBe(child.id);
		expect((returned.value as Record<string, unknown>).big).toBe(2n ** 70n);
	});

	it('is 1 when the task throws, with the error on the bus and on the process', async () => {
		const child = taskProcess('fail', ['the disk is full']);
		await child.start();

		expect(await child.join()).toBe(1);
		const failed = await waitForEvent(orchestrator().bus, 'process:error');
		expect(failed.id).toBe(child.id);
		expect(failed.error.name).toBe('TaskFailure');
		expect(failed.error.message).toBe('the disk is full');
		expect(failed.error.stack).toContain('the disk is full');
		expect(failed.error.stack).toMatch(/fail/);
		expect(child.error).toBeInstanceOf(RemoteError);
		expect(child.error?.name).toBe('TaskFailure');
		expect(child.error?.message).toBe('the disk is full');
		expect(child.result).toBeUndefined();
		const types = eventsOf(orchestrator().bus, child.id).map((event) => event.type);
		expect(types).not.toContain('process:returned');
		expect(types.at(-1)).toBe('process:exited');
	});

	it('is 3 when the task calls process.exit(3)', async () => {
		const child = taskProcess('exitWith', [3]);
		await child.start();

		expect(await child.join()).toBe(3);
		const exited = await waitForEvent(orchestrator().bus, 'process:exited');
		expect(exited).toMatchObject({id: child.id, exitcode: 3, signal: null});
	});

	it('is the command’s own exit status for a command', async () => {
		const child = new Process({
			command: 'sh',
			args: ['-c', 'exit 7'],
			orchestrator: orchestrator(),
		});
		await child.start();

		expect(await child.join()).toBe(7);
	});

	it('is -15 after terminate()', async () => {
		const child = taskProcess('sleep', [60_000]);
		await child.start();

		expect(child.terminate()).toBe(true);

		expect(await child.join()).toBe(-15);
		const exited = await waitForEvent(orchestrator().bus, 'process:exited');
		expect(exited).toMatchObject({id: child.id, exitcode: -15, signal: 'SIGTERM'});
	});

	it('is -9 after kill()', async () => {
		const child = taskProcess('sleep', [60_000]);
		await child.start();

		expect(child.kill()).toBe(true);

		expect(await child.join()).toBe(-9);
		const exited = await waitForEvent(orchestrator().bus, 'process:exited');
		expect(exited).toMatchObject({id: child.id, exitcode: -9, signal: 'SIGKILL'});
	});

	it('is 1 with a TaskLoadError when the task module does not exist', async () => {
		const child = new Process({
			target: task(new URL('../fixtures/no-such-module.js', import.meta.url), 'anything'),
			orchestrator: orchestrator(),
		});
		await child.start();

		expect(await child.join()).toBe(1);
		const failed = await waitForEvent(orchestrator().bus, 'process:error');
		expect(failed.error.name).toBe('TaskLoadError');
		expect(failed.error.message).toMatch(
			/task module .*no-such-module\.js does not exist; check the module given to task\(\)/,
		);
		expect(child.error?.name).toBe('TaskLoadError');
	});

	it('is 1 with a TaskLoadError naming the export when the module lacks it', async () => {
		const child = taskProcess('noSuchExport');
		await child.start();

		expect(await child.join()).toBe(1);
		const failed = await waitForEvent(orchestrator().bus, 'process:error');
		expect(failed.error.name).toBe('TaskLoadError');
		expect(failed.error.message).toContain("no exported function 'noSuchExport'");
		// The message lists what the module does export, to point at a typo.
		expect(failed.error.message).toContain('sleep');
	});
});
