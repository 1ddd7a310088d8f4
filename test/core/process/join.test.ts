import {describe, expect, it} from 'vitest';
import {Process, task} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';

const tasks = new URL('../../fixtures/tasks.js', import.meta.url);

describe('Process.join', () => {
	const orchestrator = useOrchestrator();

	it('resolves to null after the timeout with the child still alive', async () => {
		const child = new Process({
			target: task(tasks, 'sleep'),
			args: [60_000],
			orchestrator: orchestrator(),
		});
		await child.start();

		const before = performance.now();
		const exitcode = await child.join(300);
		const waited = performance.now() - before;

		expect(exitcode).toBeNull();
		expect(child.isAlive()).toBe(true);
		expect(child.exitcode).toBeNull();
		// A behaviour about time, so a timing check — with generous tolerance either side.
		expect(waited).toBeGreaterThanOrEqual(250);
		expect(waited).toBeLessThan(5000);
	});

	it('resolves join(0) at once while the child runs', async () => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		expect(await child.join(0)).toBeNull();
		expect(child.isAlive()).toBe(true);
	});

	it('resolves to the exitcode once the child has exited, however often it is asked', async () => {
		const child = new Process({
			target: task(tasks, 'sleep'),
			args: [50],
			orchestrator: orchestrator(),
		});
		await child.start();

		expect(await child.join()).toBe(0);
		expect(child.isAlive()).toBe(false);
		expect(await child.join()).toBe(0);
		expect(await child.join(10)).toBe(0);
	});

	it('resolves a timed join to the exitcode when the child exits before the timeout', async () => {
		const child = new Process({
			command: 'sh',
			args: ['-c', 'exit 4'],
			orchestrator: orchestrator(),
		});
		await child.start();

		expect(await child.join(20_000)).toBe(4);
	});

	it('lets several joins wait on one child at once', async () => {
		const child = new Process({
			target: task(tasks, 'sleep'),
			args: [100],
			orchestrator: orchestrator(),
		});
		await child.start();

		const results = await Promise.all([child.join(), child.join(), child.join(30_000)]);

		expect(results).toEqual([0, 0, 0]);
	});

	it.each([
		['a string', '5'],
		['NaN', Number.NaN],
		['a negative number', -1],
	])('rejects a timeout that is %s with a TypeError', async (_, timeout) => {
		const child = new Process({command: 'sleep', args: ['60'], orchestrator: orchestrator()});
		await child.start();

		await expect(child.join(timeout as number)).rejects.toBeInstanceOf(TypeError);
		await expect(child.join(timeout as number)).rejects.toThrow(/timeoutMs/);
		expect(child.isAlive()).toBe(true);
	});

	it('rejects an invalid timeout before start with a TypeError too', async () => {
		const child = new Process({command: 'true', orchestrator: orchestrator()});

		await expect(child.join(-1)).rejects.toBeInstanceOf(TypeError);
	});
});
