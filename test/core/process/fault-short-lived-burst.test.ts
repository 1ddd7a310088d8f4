import {describe, expect, test} from 'vitest';
import {listPids, readStat} from '../../../source/core/stats/proc.js';
import {Process, task} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';

describe('short-lived processes', () => {
	const orchestrator = useOrchestrator({maxProcesses: 600, historySize: 5000});

	// The children of this (test) process that are zombies: exited, and never reaped.
	function zombieChildren(): number[] {
		const zombies: number[] = [];
		for (const pid of listPids()) {
			// Undefined when gone between the listing and the read.
			const stat = readStat(pid);
			if (stat?.state === 'Z' && stat.ppid === process.pid) zombies.push(pid);
		}
		return zombies;
	}

	test('500 short-lived processes started in a burst: each gets its exit event, no zombie remains', async () => {
		// Given 500 commands that end at once, most before procdash has looked at them
		const commands = Array.from({length: 500}, (_, index) =>
			index % 5 === 0
				? new Process({command: 'sh', args: ['-c', 'exit 3'], orchestrator: orchestrator()})
				: new Process({command: 'true', orchestrator: orchestrator()}),
		);

		// When all are started at once and joined
		await Promise.all(commands.map((process) => process.start()));
		const exitcodes = await Promise.all(commands.map((process) => process.join()));

		// Then every one started with a pid, exited with its own code, and said so on the bus once
		expect(exitcodes).toEqual(commands.map((_, index) => (index % 5 === 0 ? 3 : 0)));
		const history = orchestrator().bus.history();
		const started = history.filter((event) => event.type === 'process:started');
		const exited = history.filter((event) => event.type === 'process:exited');
		expect(new Set(started.map((event) => event.id)).size).toBe(500);
		expect(new Set(exited.map((event) => event.id)).size).toBe(500);
		expect(exited).toHaveLength(500);
		expect(orchestrator().live()).toEqual([]);

		// And Node reaped every one of them
		expect(zombieChildren()).toEqual([]);
	});

	test('task processes that exit before their run message can be answered still report their exit', async () => {
		// A task that exits at once, and one whose module cannot even be found
		const quick = Array.from(
			{length: 4},
			() =>
				new Process({
					target: task(new URL('../../fixtures/tasks.js', import.meta.url), 'exitWith'),
					args: [4],
					orchestrator: orchestrator(),
				}),
		);
		const missing = new Process({
			target: task(new URL('../fixtures/no-such-module.js', import.meta.url), 'anything'),
			orchestrator: orchestrator(),
		});

		await Promise.all([...quick, missing].map((process) => process.start()));
		const exitcodes = await Promise.all([...quick, missing].map((process) => process.join()));

		expect(exitcodes).toEqual([4, 4, 4, 4, 1]);
		expect(missing.error?.name).toBe('TaskLoadError');
		expect(zombieChildren()).toEqual([]);
	});
});
