import {afterEach, expect, test} from 'vitest';
import {createOrchestrator, fork, type Orchestrator, task} from '../../../source/index.js';
import {expectNoDescendants} from '../../helpers/leftovers.js';

let orchestrator: Orchestrator;

afterEach(async () => {
	await orchestrator.stop();
	await expectNoDescendants([orchestrator.watchdogPid]);
});

test('fork(): the clone is a fresh runtime that gets 0 and a copy of the state', async () => {
	orchestrator = createOrchestrator();
	const state = {counter: 0, nested: {list: [1, 2]}};
	const clone = await fork(
		task(new URL('../../../source/scenarios/tasks/fork.js', import.meta.url), 'clone'),
		state,
		{name: 'clone', orchestrator},
	);
	expect(clone.pid).toBeGreaterThan(0);
	expect(await clone.join()).toBe(0);
	expect(clone.result).toEqual({forkResult: 0, pid: clone.pid, ppid: process.pid, counter: 100});
	expect(state).toEqual({counter: 0, nested: {list: [1, 2]}});
});

test('fork() rejects a target not made with task(), and state that cannot be copied', async () => {
	orchestrator = createOrchestrator();
	await expect(fork({} as never, 0, {orchestrator})).rejects.toThrow(
		new TypeError("fork(): target must be made with task(module, 'exportName')"),
	);
	const target = task(new URL('../../../source/scenarios/tasks/fork.js', import.meta.url), 'clone');
	await expect(fork(target, {callback: () => 1}, {orchestrator})).rejects.toThrow(
		/^args of Process-\d+ cannot be sent to a child process: /,
	);
});
