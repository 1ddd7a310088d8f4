import {describe, expect, it} from 'vitest';
import {
	createOrchestrator,
	Lock,
	Process,
	SharedArray,
	task,
	Value,
} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {sharedTasks} from '../../helpers/shared.js';

describe('ownership of shared objects', () => {
	const orchestrator = useOrchestrator();

	it.each([
		['Value', () => new Value('i', 0, {orchestrator: orchestrator()})],
		['SharedArray', () => new SharedArray('i', 2, {orchestrator: orchestrator()})],
		['Lock', () => new Lock({orchestrator: orchestrator()})],
	])('refuses a %s of one orchestrator in the args of another’s process', async (_, make) => {
		const other = createOrchestrator();
		try {
			const child = new Process({
				target: task(sharedTasks, 'tryAcquire'),
				args: [make()],
				orchestrator: other,
			});

			const started = child.start();

			await expect(started).rejects.toBeInstanceOf(TypeError);
			await expect(started).rejects.toThrow(/orchestrator that owns it/);
			expect(child.pid).toBeUndefined();
			expect(other.bus.history().some((event) => event.type === 'process:started')).toBe(false);
		} finally {
			await other.stop({graceMs: 0});
		}
	});
});
