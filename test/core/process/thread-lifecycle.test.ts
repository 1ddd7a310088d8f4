import {describe, expect, it} from 'vitest';
import {fold, ProcessStateError, Thread, task} from '../../../source/index.js';
import type {ThreadIdentity} from '../../fixtures/thread-tasks.js';
import {eventsOf, useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);
const threadTasks = new URL('../../fixtures/thread-tasks.js', import.meta.url);

describe('Thread: the lifecycle of a Process, on a worker thread', () => {
	const orchestrator = useOrchestrator();
	const thread = (exportName: string, args: unknown[] = [], module = tasks) =>
		new Thread({target: task(module, exportName), args, orchestrator: orchestrator()});

	it('runs a task: start, join → 0, the returned value, this process as its pid', async () => {
		const child = thread('echo', [{list: [1, 2], big: 2n ** 70n}]);
		expect(child.pid).toBeUndefined();
		expect(child.kind).toBe('thread');

		await child.start();

		expect(child.pid).toBe(process.pid);
		expect(child.threadId).toEqual(expect.any(Number));
		expect(await child.join()).toBe(0);
		expect(child.result).toEqual({list: [1, 2], big: 2n ** 70n});
		expect(child.isAlive()).toBe(false);
	});

	it('is named Thread-N and knows itself inside, in the process it runs in', async () => {
		const child = thread('whoAmI', [], threadTasks);
		await child.start();
		await child.join();

		expect(child.name).toMatch(/^Thread-\d+$/);
		expect(child.result).toEqual<ThreadIdentity>({
			thread: child.name,
			threadId: child.threadId as number,
			process: 'MainProcess',
			pid: process.pid,
		});
	});

	it('ends with 1 and the error when the task throws, N on process.exit(N)', async () => {
		const threw = thread('fail', ['boom']);
		const exited = thread('exitWith', [3]);
		await threw.start();
		await exited.start();

		expect(await threw.join()).toBe(1);
		expect(threw.error).toMatchObject({name: 'TaskFailure', message: 'boom'});
		expect(await exited.join()).toBe(3);
	});

	it('terminate() stops even a busy loop: exit code −15; kill() one in Atomics.wait: −9', async () => {
		const spinning = thread('spinForever', [], threadTasks);
		const waiting = thread('waitForever', [], threadTasks);
		await spinning.start();
		await waiting.start();

		expect(await spinning.join(50)).toBeNull();
		expect(spinning.isAlive()).toBe(true);
		expect(spinning.terminate()).toBe(true);
		expect(waiting.kill()).toBe(true);

		expect(await spinning.join()).toBe(-15);
		expect(await waiting.join()).toBe(-9);
		expect(spinning.terminate()).toBe(false);
		const exited = await waitForEvent(
			orchestrator().bus,
			'process:exited',
			(event) => event.id === spinning.id,
		);
		expect(exited).toMatchObject({exitcode: -15, signal: 'SIGTERM', pid: process.pid});
	});

	it('cannot be paused: pause() and resume() do nothing and say so', async () => {
		const child = thread('spinForever', [], threadTasks);
		await child.start();

		expect(child.pause()).toBe(false);
		expect(child.resume()).toBe(false);
		expect(child.isAlive()).toBe(true);
	});

	it('tells the bus what it is: kind thread, its thread id, its output lines', async () => {
		const child = thread('print', [], threadTasks);
		await child.start();
		await child.join();

		const events = eventsOf(orchestrator().bus, child.id);
		expect(events[0]).toMatchObject({type: 'process:created', kind: 'thread', name: child.name});
		expect(events.find((event) => event.type === 'process:started')).toMatchObject({
			pid: process.pid,
			ppid: process.ppid,
			threadId: child.threadId,
		});
		const lines = events.flatMap((event) =>
			event.type === 'process:output' ? [[event.stream, event.line]] : [],
		);
		expect(lines).toEqual(
			expect.arrayContaining([
				['stdout', 'out from a thread'],
				['stderr', 'err from a thread'],
			]),
		);
		expect(events.at(-1)).toMatchObject({type: 'process:exited', exitcode: 0});
	});

	it('rejects a second start, a join before start, and args that cannot be sent', async () => {
		const child = thread('echo', [1]);
		await expect(child.join()).rejects.toBeInstanceOf(ProcessStateError);
		await child.start();
		await expect(child.start()).rejects.toThrow('cannot start a thread twice');
		await child.join();

		const unsendable = thread('echo', [() => 1]);
		await expect(unsendable.start()).rejects.toThrow(/cannot be sent to a thread/);
		expect(orchestrator().live()).toEqual([]);
	});

	it('refuses a command, a cwd or an env of its own: TypeError', () => {
		const target = task(tasks, 'echo');
		const make = (extra: object) => () =>
			new Thread({target, orchestrator: orchestrator(), ...extra} as never);

		expect(make({command: 'true'})).toThrow(/not a command/);
		expect(make({cwd: '/tmp'})).toThrow(/cwd and env/);
		expect(make({env: {}})).toThrow(/cwd and env/);
		expect(() => new Thread({target: 'x' as never})).toThrow(/task\(module/);
	});

	it('has its own CPU in the stats (by kernel thread id), and its process is not sampled as a child', async () => {
		const child = thread('spinForever', [], threadTasks);
		await child.start();
		orchestrator().startSampling(50);

		const sampled = await waitForEvent(orchestrator().bus, 'stats:sampled', (event) =>
			(event.threads ?? []).some((stats) => stats.id === child.id),
		);

		expect(sampled.threads).toEqual([{id: child.id, tid: child.tid, cpu: expect.any(Number)}]);
		expect(sampled.processes.map((stats) => stats.pid)).not.toContain(process.pid);
		const row = fold(orchestrator().bus.history()).processes.find((each) => each.id === child.id);
		expect(row).toMatchObject({kind: 'thread', pid: process.pid, cpu: expect.any(Number)});
	});

	it("ends with its orchestrator's stop, leaving nothing alive", async () => {
		const child = thread('spinForever', [], threadTasks);
		await child.start();

		await orchestrator().stop({graceMs: 1000});

		expect(child.exitcode).toBe(-15);
		expect(orchestrator().live()).toEqual([]);
	});
});
