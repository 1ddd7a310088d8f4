import {describe, expect, test} from 'vitest';
import {Process} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {isRunning, pidsRunning, waitFor} from '../../helpers/processes.js';

describe('stopping what left its group', () => {
	const orchestrator = useOrchestrator();

	test('stop() ends a process that left its group (setsid), and says so', async () => {
		// Given a shell that exits at once, leaving one sleep in its group and one in a session of its own
		const shell = new Process({
			command: 'sh',
			args: ['-c', 'sleep 99.5 & setsid sleep 98.5 &'],
			orchestrator: orchestrator(),
		});
		await shell.start();
		await shell.join();
		let escaped: number[] = [];
		await waitFor(() => {
			escaped = pidsRunning(['sleep', '98.5']);
			return escaped.length === 1 && pidsRunning(['sleep', '99.5']).length === 1;
		});

		// When procdash stops everything
		const outcome = await orchestrator().stop({graceMs: 2000});

		// Then neither sleep lives on, and the one that left its group is named
		expect(pidsRunning(['sleep', '98.5'])).toEqual([]);
		expect(pidsRunning(['sleep', '99.5'])).toEqual([]);
		expect(isRunning(escaped[0] as number)).toBe(false);
		expect(outcome.survivors).toEqual([]);
		expect(outcome.escaped).toEqual([{pid: escaped[0], command: 'sleep'}]);
		const stopped = orchestrator()
			.bus.history()
			.find((event) => event.type === 'orchestrator:stopped');
		expect(stopped).toMatchObject({survivors: [], escaped: [{pid: escaped[0], command: 'sleep'}]});
	});

	test('a process that never left its group is not counted as escaped', async () => {
		const shell = new Process({
			command: 'sh',
			args: ['-c', 'sleep 97.5 & wait'],
			orchestrator: orchestrator(),
		});
		await shell.start();
		await waitFor(() => pidsRunning(['sleep', '97.5']).length === 1);
		const outcome = await orchestrator().stop({graceMs: 2000});
		expect(outcome).toEqual({survivors: []});
		expect(pidsRunning(['sleep', '97.5'])).toEqual([]);
	});
});
