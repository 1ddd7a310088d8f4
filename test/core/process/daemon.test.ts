import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it, test} from 'vitest';
import {Process, ProcessStateError, task} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('daemon processes', () => {
	const orchestrator = useOrchestrator();

	it('is false by default in the main process, and settable before start', () => {
		const child = new Process({command: 'true', orchestrator: orchestrator()});
		expect(child.daemon).toBe(false);

		child.daemon = true;

		expect(child.daemon).toBe(true);
		expect(new Process({command: 'true', daemon: true, orchestrator: orchestrator()}).daemon).toBe(
			true,
		);
	});

	it('cannot be changed once started', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		expect(() => {
			child.daemon = true;
		}).toThrow(ProcessStateError);
		expect(child.daemon).toBe(false);
	});

	it('cannot be changed after the process has exited either', async () => {
		const child = new Process({command: 'true', orchestrator: orchestrator()});
		await child.start();
		await child.join();

		expect(() => {
			child.daemon = true;
		}).toThrow(ProcessStateError);
	});

	it('is reported on the created event', async () => {
		const child = new Process({command: 'true', daemon: true, orchestrator: orchestrator()});

		const created = await waitForEvent(orchestrator().bus, 'process:created');

		expect(created).toMatchObject({id: child.id, daemon: true});
	});

	it('close() terminates daemons and waits for the other children', async () => {
		const daemon = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			daemon: true,
			orchestrator: orchestrator(),
		});
		const worker = new Process({
			target: task(tasks, 'sleep'),
			args: [300],
			orchestrator: orchestrator(),
		});
		await daemon.start();
		await worker.start();

		await orchestrator().close();

		expect(daemon.exitcode).toBe(-15);
		expect(worker.exitcode).toBe(0);
		expect(worker.result).toBe('slept');
		expect(orchestrator().live()).toEqual([]);
	});

	it('forbids a daemonic task to start a child (DaemonError)', async () => {
		const daemon = new Process({
			target: task(tasks, 'tryToStartChild'),
			daemon: true,
			orchestrator: orchestrator(),
		});
		await daemon.start();

		expect(await daemon.join()).toBe(0);

		expect(daemon.result).toEqual({
			name: 'DaemonError',
			message: 'daemonic processes are not allowed to have children',
		});
	});

	it('lets a non-daemonic task start a child', async () => {
		const parent = new Process({
			target: task(tasks, 'tryToStartChild'),
			orchestrator: orchestrator(),
		});
		await parent.start();

		expect(await parent.join()).toBe(0);
		expect(parent.result).toBe('started');
	});

	it('tells a daemonic task that it is a daemon', async () => {
		const daemon = new Process({
			target: task(tasks, 'whoAmI'),
			daemon: true,
			orchestrator: orchestrator(),
		});
		await daemon.start();
		await daemon.join();

		expect(daemon.result).toMatchObject({daemon: true});
	});
});

test('a program awaiting join() on a daemon stays alive to see it end', async () => {
	// Nothing but the daemon is pending here: without a hold while joining, Node would exit
	// with the join unresolved and print nothing.
	const index = new URL('../../../source/index.js', import.meta.url).href;
	const tasksUrl = new URL('../../fixtures/tasks.js', import.meta.url).href;
	const program = `import {Process, task} from ${JSON.stringify(index)};
const daemon = new Process({target: task(${JSON.stringify(tasksUrl)}, 'sleep'), args: [300], daemon: true});
await daemon.start();
console.log('joined', await daemon.join());`;
	const {stdout} = await promisify(execFile)(
		process.execPath,
		['--input-type=module', '-e', program],
		{
			timeout: 15_000,
		},
	);
	expect(stdout).toBe('joined 0\n');
});
