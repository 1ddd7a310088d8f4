import {describe, expect, it} from 'vitest';
import {Process, ProcessStateError, task} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {isRunning} from '../../helpers/processes.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('Process before and at start', () => {
	const orchestrator = useOrchestrator();

	it('has no pid, a null exitcode and is not alive before start', () => {
		const child = new Process({
			target: task(tasks, 'sleep'),
			args: [0],
			orchestrator: orchestrator(),
		});

		expect(child.pid).toBeUndefined();
		expect(child.exitcode).toBeNull();
		expect(child.isAlive()).toBe(false);
		expect(child.kind).toBe('task');
	});

	it('rejects join() before start with ProcessStateError', async () => {
		const child = new Process({command: 'true', orchestrator: orchestrator()});

		await expect(child.join()).rejects.toBeInstanceOf(ProcessStateError);
		await expect(child.join(10)).rejects.toThrow(/started/);
	});

	it('resolves start() with the pid known and the child alive', async () => {
		const child = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			orchestrator: orchestrator(),
		});

		await child.start();

		expect(child.pid).toEqual(expect.any(Number));
		expect(child.isAlive()).toBe(true);
		expect(child.exitcode).toBeNull();
		expect(isRunning(child.pid as number)).toBe(true);
		const started = await waitForEvent(orchestrator().bus, 'process:started');
		expect(started).toMatchObject({id: child.id, pid: child.pid, ppid: process.pid});
	});

	it('rejects a second start() with "cannot start a process twice"', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();
		const pid = child.pid;

		await expect(child.start()).rejects.toThrow('cannot start a process twice');
		await expect(child.start()).rejects.toBeInstanceOf(ProcessStateError);
		expect(child.pid).toBe(pid);
		const starts = orchestrator()
			.bus.history()
			.filter((event) => event.type === 'process:started');
		expect(starts).toHaveLength(1);
	});

	it('rejects a second start() after the process has exited, too', async () => {
		const child = new Process({command: 'true', orchestrator: orchestrator()});
		await child.start();
		await child.join();

		await expect(child.start()).rejects.toThrow('cannot start a process twice');
	});

	it('rejects start() with a TypeError and spawns nothing when args cannot be cloned', async () => {
		const child = new Process({
			target: task(tasks, 'echo'),
			args: [() => 'a function cannot cross a process boundary'],
			orchestrator: orchestrator(),
		});

		await expect(child.start()).rejects.toBeInstanceOf(TypeError);
		expect(child.pid).toBeUndefined();
		expect(child.isAlive()).toBe(false);
		const types = orchestrator()
			.bus.history()
			.map((event) => event.type);
		expect(types).toEqual(['process:created']);
		expect(orchestrator().live()).toEqual([]);
	});

	it('rejects both a target and a command, and neither', () => {
		expect(
			() =>
				new Process({
					target: task(tasks, 'echo'),
					command: 'true',
					orchestrator: orchestrator(),
				}),
		).toThrow(TypeError);
		expect(() => new Process({orchestrator: orchestrator()})).toThrow(TypeError);
	});
});
