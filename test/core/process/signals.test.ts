import {describe, expect, it} from 'vitest';
import {Process, task} from '../../../source/index.js';
import {eventsOf, useOrchestrator} from '../../helpers/orchestrator.js';
import {procState, waitFor} from '../../helpers/processes.js';

const sleep = task(new URL('../../fixtures/tasks.js', import.meta.url), 'sleep');

describe('Process signals', () => {
	const orchestrator = useOrchestrator();

	function signalledTypes(child: Process): string[] {
		return eventsOf(orchestrator().bus, child.id)
			.filter((event) => event.type === 'process:signalled')
			.map((event) => (event.type === 'process:signalled' ? event.signal : ''));
	}

	it('does nothing and returns false on a process that has not started', () => {
		const child = new Process({target: sleep, args: [0], orchestrator: orchestrator()});

		expect(child.terminate()).toBe(false);
		expect(child.kill()).toBe(false);
		expect(child.pause()).toBe(false);
		expect(child.resume()).toBe(false);
		expect(child.exitcode).toBeNull();
		expect(signalledTypes(child)).toEqual([]);
	});

	it('does nothing and returns false on a process that has exited', async () => {
		const child = new Process({target: sleep, args: [0], orchestrator: orchestrator()});
		await child.start();
		await child.join();

		expect(child.terminate()).toBe(false);
		expect(child.kill()).toBe(false);
		expect(child.pause()).toBe(false);
		expect(child.resume()).toBe(false);
		expect(child.exitcode).toBe(0);
		expect(signalledTypes(child)).toEqual([]);
	});

	it('pauses the child (state T) and resumes it (no longer T)', async () => {
		const child = new Process({target: sleep, args: [60_000], orchestrator: orchestrator()});
		await child.start();
		const pid = child.pid as number;

		expect(child.pause()).toBe(true);
		await waitFor(() => procState(pid) === 'T', {message: `pid ${pid} stopped`});
		expect(child.isAlive()).toBe(true);

		expect(child.resume()).toBe(true);
		await waitFor(() => procState(pid) !== 'T', {message: `pid ${pid} continued`});
		expect(procState(pid)).not.toBe('Z');
		expect(child.isAlive()).toBe(true);
	});

	it('lets a paused child be terminated', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();
		child.pause();
		await waitFor(() => procState(child.pid as number) === 'T');

		// SIGTERM stays pending on a stopped process until SIGCONT; terminate then resume.
		child.terminate();
		child.resume();

		expect(await child.join()).toBe(-15);
	});

	it('emits process:signalled for each signal sent, with the pid and signal name', async () => {
		const child = new Process({target: sleep, args: [60_000], orchestrator: orchestrator()});
		await child.start();

		child.pause();
		child.resume();
		child.terminate();
		await child.join();

		expect(signalledTypes(child)).toEqual(['SIGSTOP', 'SIGCONT', 'SIGTERM']);
		for (const event of eventsOf(orchestrator().bus, child.id)) {
			if (event.type === 'process:signalled') expect(event.pid).toBe(child.pid);
		}
	});
});
