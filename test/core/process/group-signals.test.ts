import {describe, expect, it} from 'vitest';
import {Process} from '../../../source/index.js';
import {useOrchestrator} from '../../helpers/orchestrator.js';
import {
	describePids,
	isRunning,
	procState,
	treeCommands,
	waitFor,
} from '../../helpers/processes.js';

// Two sleeps in one shell: one in the background, one in the foreground (which some shells exec).
const twoSleeps = ['-c', 'sleep 100 & sleep 100'];

describe('signals reach the whole process group', () => {
	const orchestrator = useOrchestrator();

	async function startTwoSleeps(): Promise<{shell: Process; sleeps: number[]}> {
		const shell = new Process({command: 'sh', args: twoSleeps, orchestrator: orchestrator()});
		await shell.start();
		let sleeps: number[] = [];
		await waitFor(
			async () => {
				sleeps = await treeCommands(shell.pid as number, 'sleep');
				return sleeps.length === 2;
			},
			{message: 'both sleeps running'},
		);
		return {shell, sleeps};
	}

	async function expectAllGone(pids: readonly number[]): Promise<void> {
		await waitFor(() => !pids.some(isRunning), {message: 'every sleep gone'}).catch(() => {});
		expect(describePids(pids.filter(isRunning))).toEqual([]);
	}

	it('terminate() leaves no sleep of the shell behind', async () => {
		const {shell, sleeps} = await startTwoSleeps();

		expect(shell.terminate()).toBe(true);

		expect(await shell.join()).toBe(-15);
		await expectAllGone(sleeps);
	});

	it('kill() leaves no sleep of the shell behind', async () => {
		const {shell, sleeps} = await startTwoSleeps();

		expect(shell.kill()).toBe(true);

		expect(await shell.join()).toBe(-9);
		await expectAllGone(sleeps);
	});

	it('pause() stops every member of the group, resume() continues them', async () => {
		const {shell, sleeps} = await startTwoSleeps();
		const members = [...new Set([shell.pid as number, ...sleeps])];

		shell.pause();
		await waitFor(() => members.every((pid) => procState(pid) === 'T'), {message: 'all stopped'});

		shell.resume();
		await waitFor(() => members.every((pid) => procState(pid) !== 'T'), {
			message: 'all continued',
		});
		expect(members.every(isRunning)).toBe(true);
	});
});
