import {describe, expect, it} from 'vitest';
import {createOrchestrator, Process, ProcessLimitError, task} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {
	describePids,
	isRunning,
	procState,
	treeCommands,
	waitFor,
} from '../../helpers/processes.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('orchestrator.stop()', () => {
	const orchestrator = useOrchestrator();

	it('kills a command that ignores SIGTERM once the grace period is over', async () => {
		// The trap is inherited: the sleep ignores SIGTERM as well, so only SIGKILL ends the group.
		const stubborn = new Process({
			command: 'sh',
			args: ['-c', 'trap "" TERM; echo ready; sleep 100'],
			orchestrator: orchestrator(),
		});
		await stubborn.start();
		await waitForEvent(orchestrator().bus, 'process:output', (event) => event.line === 'ready');
		let sleeps: number[] = [];
		await waitFor(async () => {
			sleeps = await treeCommands(stubborn.pid as number, 'sleep');
			return sleeps.length === 1;
		});

		const before = performance.now();
		const outcome = await orchestrator().stop({graceMs: 400});
		const took = performance.now() - before;

		expect(outcome).toEqual({survivors: []});
		expect(stubborn.exitcode).toBe(-9);
		// The grace period is a behaviour about time: SIGKILL came no earlier than it allows.
		expect(took).toBeGreaterThanOrEqual(350);
		await waitFor(() => !sleeps.some(isRunning)).catch(() => {});
		expect(describePids(sleeps.filter(isRunning))).toEqual([]);
	});

	it('lets well-behaved processes end on SIGTERM, paused ones included', async () => {
		const sleeper = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			orchestrator: orchestrator(),
		});
		const paused = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await sleeper.start();
		await paused.start();
		paused.pause();
		await waitFor(() => procState(paused.pid as number) === 'T');

		const outcome = await orchestrator().stop({graceMs: 5000});

		expect(outcome.survivors).toEqual([]);
		expect(sleeper.exitcode).toBe(-15);
		expect(paused.exitcode).toBe(-15);
		expect(orchestrator().live()).toEqual([]);
	});

	it('returns the same stop when called twice', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		const first = orchestrator().stop({graceMs: 1000});
		const second = orchestrator().stop({graceMs: 1000});

		expect(second).toBe(first);
		expect(await first).toEqual({survivors: []});
	});

	it('rejects starting a process after the stop with ProcessLimitError', async () => {
		await orchestrator().stop({graceMs: 100});
		const late = new Process({command: 'true', orchestrator: orchestrator()});

		await expect(late.start()).rejects.toBeInstanceOf(ProcessLimitError);
		await expect(late.start()).rejects.toThrow(/stopping/);
		expect(late.pid).toBeUndefined();
	});
});

describe('maxProcesses', () => {
	const orchestrator = useOrchestrator({maxProcesses: 2});

	it('rejects a third concurrent start with ProcessLimitError naming the limit', async () => {
		const first = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		const second = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		const third = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await first.start();
		await second.start();

		const refused = third.start();

		await expect(refused).rejects.toBeInstanceOf(ProcessLimitError);
		await expect(refused).rejects.toThrow(/limit is 2/);
		expect(third.pid).toBeUndefined();
		expect(third.isAlive()).toBe(false);
		expect(orchestrator().live()).toHaveLength(2);
	});

	it('admits a new start once a slot is free again', async () => {
		const first = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		const second = new Process({command: 'true', orchestrator: orchestrator()});
		await first.start();
		await second.start();
		await second.join();

		const third = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await third.start();

		expect(third.isAlive()).toBe(true);
	});

	it('counts task processes and commands alike', async () => {
		const sleeper = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			orchestrator: orchestrator(),
		});
		const command = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await sleeper.start();
		await command.start();

		const extra = new Process({
			target: task(tasks, 'echo'),
			args: [1],
			orchestrator: orchestrator(),
		});
		await expect(extra.start()).rejects.toBeInstanceOf(ProcessLimitError);
	});

	it('rejects a limit that is not a positive integer with a RangeError', () => {
		expect(() => createOrchestrator({maxProcesses: 0})).toThrow(RangeError);
		expect(() => createOrchestrator({maxProcesses: 1.5})).toThrow(RangeError);
	});
});
