import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import type {Scenario} from './scenario.js';

const daemonMs = 5000;
const workerMs = 1000;

/** A daemon dies with its parent; a normal child is waited for; a daemon may not have children. */
export const daemon: Scenario = {
	name: 'daemon',
	description: 'a 5 s daemon and a 1 s child: all ends after ~1 s; a daemon may not start a child',
	about:
		'The daemon would sleep 5 s, the worker 1 s. As in Python, the parent waits for the worker only and terminates the daemon (−15) as it ends: ~1 s in all. A daemon that starts a child gets DaemonError.',
	async run(orchestrator) {
		const started = performance.now();
		const sleep = task(new URL('./tasks/sleep.js', import.meta.url), 'sleepAndReport');
		const background = new Process({
			target: sleep,
			args: [daemonMs],
			name: 'daemon',
			daemon: true,
			orchestrator,
		});
		const worker = new Process({target: sleep, args: [workerMs], name: 'worker', orchestrator});
		const parent = new Process({
			target: task(new URL('./tasks/daemon.js', import.meta.url), 'startGrandchild'),
			name: 'daemon-parent',
			daemon: true,
			orchestrator,
		});
		for (const child of [background, worker, parent]) await child.start();
		await worker.join();
		// The end of a Python program: daemons are terminated, everything else is waited for.
		await orchestrator.close();
		const elapsed = performance.now() - started;
		const refused = parent.error?.name === 'DaemonError';
		return {
			ok:
				worker.exitcode === 0 &&
				background.exitcode === -15 &&
				parent.exitcode === 1 &&
				refused &&
				elapsed < daemonMs,
			notes: [
				`the parent finished after ${(elapsed / 1000).toFixed(2)} s: worker ${worker.exitcode}, daemon ${background.exitcode} (terminated with the parent)`,
				`daemon-parent: ${refused ? `DaemonError: ${parent.error?.message}` : `no DaemonError (exit code ${parent.exitcode})`}`,
			],
		};
	},
};
