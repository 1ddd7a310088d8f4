import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import type {Scenario} from './scenario.js';
import type {SleepReport} from './tasks/sleep.js';

const sleepMs = 1000;
const count = 4;
const sleeper = new URL('./tasks/sleep.js', import.meta.url);

/** Four processes sleep 1 s each, side by side: the whole takes about 1 s, not 4. */
export const parallel: Scenario = {
	name: 'parallel',
	description: 'four processes sleep 1 s each, in parallel: about 1 s in all, not 4',
	about:
		'Four children start at once and each sleeps 1 s. Watch them run side by side: each has its own pid, and all share one parent pid, this dashboard. The whole run takes about 1 s.',
	warm: {processes: count, modules: [sleeper], sharedState: false},
	async run(orchestrator, signal) {
		const started = performance.now();
		const sleep = task(sleeper, 'sleepAndReport');
		const processes = Array.from(
			{length: count},
			() => new Process({target: sleep, args: [sleepMs], orchestrator}),
		);
		for (const child of processes) {
			if (signal.aborted) break;
			await child.start();
		}
		await Promise.all(
			processes.filter((child) => child.pid !== undefined).map((child) => child.join()),
		);
		const elapsed = performance.now() - started;
		const reports = processes.map((child) => child.result as SleepReport | undefined);
		const ok =
			processes.every((child) => child.exitcode === 0) &&
			reports.every((report) => report?.ppid === process.pid);
		return {
			ok,
			notes: [
				`${count} processes slept ${sleepMs} ms each; the whole took ${(elapsed / 1000).toFixed(2)} s`,
				...reports.map((report, index) =>
					report
						? `${report.name}: pid ${report.pid}, parent pid ${report.ppid}`
						: `${processes[index]?.name}: exit code ${processes[index]?.exitcode}`,
				),
			],
		};
	},
};
