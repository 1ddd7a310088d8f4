import {describe, expect, it} from 'vitest';
import {currentProcess, Process, parentProcess, task} from '../../../source/index.js';
import type {Identity, NestedIdentity} from '../../fixtures/tasks.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('currentProcess() and parentProcess()', () => {
	const orchestrator = useOrchestrator();

	it('name the main process MainProcess, with no parent', () => {
		expect(currentProcess()).toEqual({name: 'MainProcess', pid: process.pid, daemon: false});
		expect(parentProcess()).toBeNull();
	});

	it('give a task the name and pid its parent sees', async () => {
		const child = new Process({
			target: task(tasks, 'whoAmI'),
			name: 'reporter',
			orchestrator: orchestrator(),
		});
		await child.start();
		await child.join();

		const seen = child.result as Identity;
		expect(seen.name).toBe('reporter');
		expect(seen.pid).toBe(child.pid);
		expect(seen.daemon).toBe(false);
	});

	it('give a task its parent: the pid is the OS ppid and the test’s own pid', async () => {
		const child = new Process({target: task(tasks, 'whoAmI'), orchestrator: orchestrator()});
		await child.start();
		await child.join();

		const seen = child.result as Identity;
		expect(seen.parentPid).toBe(seen.ppid);
		expect(seen.parentPid).toBe(process.pid);
		expect(seen.parentName).toBe('MainProcess');
	});

	it('give a default name to a task', async () => {
		const child = new Process({target: task(tasks, 'whoAmI'), orchestrator: orchestrator()});
		await child.start();
		await child.join();

		expect((child.result as Identity).name).toBe(child.name);
		expect(child.name).toMatch(/^Process-\d+$/);
	});

	it('name a grandchild Process-N:1 after its parent Process-N (CPython identity)', async () => {
		const child = new Process({target: task(tasks, 'startChild'), orchestrator: orchestrator()});
		await child.start();

		expect(await child.join()).toBe(0);

		const nested = child.result as NestedIdentity;
		expect(nested.self).toBe(child.name);
		expect(nested.childExitcode).toBe(0);
		expect(nested.childName).toBe(`${child.name}:1`);
		expect(nested.childSaw.name).toBe(`${child.name}:1`);
		expect(nested.childSaw.parentName).toBe(child.name);
		expect(nested.childSaw.parentPid).toBe(child.pid);
		expect(nested.childSaw.ppid).toBe(child.pid);
	});
});
