import {describe, expect, test} from 'vitest';
import {groupAlive} from '../../../source/core/stats/sampler.js';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {isRunning, treeCommands} from '../../helpers/processes.js';

describe('a group that outlives its leader', () => {
	const orchestrator = useOrchestrator();

	// The pid a shell of these tests prints first: the child it leaves in its group.
	async function printedPid(sh: Process): Promise<number> {
		const line = await waitForEvent(
			orchestrator().bus,
			'process:output',
			(event) => event.id === sh.id,
		);
		return Number(line.line);
	}

	test('a command that exits leaving a child in its group: the group is still guarded, and stop() ends it', async () => {
		// Given sh, which starts a sleep in the background and exits at once
		const sh = new Process({
			command: 'sh',
			args: ['-c', 'sleep 100 & echo "$!"'],
			name: 'sh',
			orchestrator: orchestrator(),
		});
		await sh.start();
		const sleep = await printedPid(sh);
		expect(await sh.join()).toBe(0);

		// Then the sleep lives on in sh's group, reparented away from the tree, and still guarded
		expect(isRunning(sleep)).toBe(true);
		expect(await treeCommands(process.pid, 'sleep')).not.toContain(sleep);
		expect(groupAlive(sh.pid as number)).toBe(true);
		expect(orchestrator().watchdogPid).toEqual(expect.any(Number));

		// When everything is stopped
		const outcome = await orchestrator().stop({graceMs: 2000});

		// Then the group was named among those holding up the stop, and it is gone: no survivor
		const stopping = await waitForEvent(orchestrator().bus, 'orchestrator:stopping');
		expect(stopping.holding).toEqual([{id: sh.id, name: 'sh', pid: sh.pid}]);
		const waiting = await waitForEvent(orchestrator().bus, 'orchestrator:waiting');
		expect(waiting.holding).toEqual([]);
		expect(outcome.survivors).toEqual([]);
		expect(isRunning(sleep)).toBe(false);
	});

	test('a group whose members ignore SIGTERM after their leader died is SIGKILLed at the deadline', async () => {
		// Given a shell whose background child ignores SIGTERM, the shell itself does not
		const sh = new Process({
			command: 'sh',
			// The inner sh prints its pid once SIGTERM is ignored, then becomes the sleep (exec keeps both).
			args: ['-c', `(trap "" TERM; exec sh -c 'echo $$; exec sleep 100') & wait`],
			orchestrator: orchestrator(),
		});
		await sh.start();
		const stubborn = await printedPid(sh);

		// When stopped with a short grace period
		const outcome = await orchestrator().stop({graceMs: 300});

		// Then the shell ended on SIGTERM, yet its group held up the stop until the SIGKILL
		expect(sh.exitcode).toBe(-15);
		const stopping = await waitForEvent(orchestrator().bus, 'orchestrator:stopping');
		expect(stopping.holding).toEqual([{id: sh.id, name: sh.name, pid: sh.pid}]);
		const killed = await waitForEvent(
			orchestrator().bus,
			'process:signalled',
			(event) => event.signal === 'SIGKILL',
		);
		expect(killed).toMatchObject({id: sh.id, pid: sh.pid});
		expect(outcome.survivors).toEqual([]);
		expect(isRunning(stubborn)).toBe(false);
	});
});
