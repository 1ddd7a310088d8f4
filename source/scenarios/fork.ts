import {fork as forkProcess} from '../core/process/fork.js';
import {task} from '../core/process/task.js';
import type {Scenario} from './scenario.js';
import type {CloneReport, ForkState} from './tasks/fork.js';

/** procdash's fork(): a fresh runtime with a copy of the state, and the fork results of os.fork(). */
export const fork: Scenario = {
	name: 'fork',
	description:
		"fork(): the parent gets the clone's pid, the clone gets 0; the clone's changes stay its own",
	about:
		"Node cannot fork a running process: fork() starts a fresh runtime with a copy of the state. The parent gets the clone's pid, the clone gets 0; the clone sets counter to 100, the parent's stays 0.",
	async run(orchestrator) {
		const state: ForkState = {counter: 0};
		const target = task(new URL('./tasks/fork.js', import.meta.url), 'clone');
		const clone = await forkProcess(target, state, {name: 'clone', orchestrator});
		const forkResultInParent = clone.pid;
		await clone.join();
		const report = clone.result as CloneReport | undefined;
		return {
			ok:
				clone.exitcode === 0 &&
				report?.forkResult === 0 &&
				report.pid === forkResultInParent &&
				report.counter === 100 &&
				state.counter === 0,
			notes: [
				`parent: fork() returned ${forkResultInParent} (the clone's pid); clone: fork() returned ${report?.forkResult}`,
				`counter: ${report?.counter} in the clone, still ${state.counter} in the parent`,
				'the clone is a fresh Node runtime given a copy of the state, not a copy of the running parent',
			],
		};
	},
};
