import {describe, expect, test} from 'vitest';
import {Process, ProcessLimitError, task} from '../../../source/index.js';
import type {LoopReport} from '../../fixtures/tasks.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {isRunning, waitFor} from '../../helpers/processes.js';

const limit = 8;
describe('the process limit', () => {
	const orchestrator = useOrchestrator({maxProcesses: limit});

	test('a task that starts processes in a loop is refused at the limit, which it inherits; nothing is left', async () => {
		// Given a task that starts `sleep 30` in a loop until refused, under an orchestrator of 8
		const runaway = new Process({
			target: task(new URL('../../fixtures/tasks.js', import.meta.url), 'startUntilRefused'),
			orchestrator: orchestrator(),
		});

		// When it runs
		await runaway.start();
		expect(await runaway.join()).toBe(0);

		// Then its own orchestrator had the same limit: 8 started, the 9th refused with a clear error
		const report = runaway.result as LoopReport;
		expect(report.pids).toHaveLength(limit);
		expect(report.refused.name).toBe('ProcessLimitError');
		expect(report.refused.message).toMatch(
			new RegExp(
				`^cannot start Process-\\d+:${limit + 1}: ${limit} processes are alive, the limit is ${limit} \\(raise it with --max-processes\\)$`,
			),
		);

		// And its sleeps ended with it
		await waitFor(() => !report.pids.some(isRunning), {message: 'the sleeps to end'});
	});

	test('the orchestrator refuses the start beyond its limit, and admits again once one exits', async () => {
		const sleepers = Array.from(
			{length: limit},
			() => new Process({command: 'sleep', args: ['30'], orchestrator: orchestrator()}),
		);
		await Promise.all(sleepers.map((process) => process.start()));

		const extra = new Process({command: 'sleep', args: ['30'], orchestrator: orchestrator()});
		const refused = extra.start();
		await expect(refused).rejects.toBeInstanceOf(ProcessLimitError);
		await expect(refused).rejects.toThrow(`the limit is ${limit} (raise it with --max-processes)`);

		(sleepers[0] as Process).kill();
		await (sleepers[0] as Process).join();
		const next = new Process({command: 'true', orchestrator: orchestrator()});
		await next.start();
		expect(await next.join()).toBe(0);
	});
});
