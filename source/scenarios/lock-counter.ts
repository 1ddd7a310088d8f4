import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Lock} from '../core/shared/lock.js';
import {Value} from '../core/shared/value.js';
import type {Scenario} from './scenario.js';
import {ordinary} from './tasks/shared.js';

const count = 4;
const holdMs = 500;
const tasks = new URL('./tasks/shared.js', import.meta.url);

/** Four processes add to a shared Value and to an ordinary variable, one at a time under a Lock. */
export const lockCounter: Scenario = {
	name: 'lock-counter',
	description:
		'four processes take turns under a lock: the shared counter reaches 4, an ordinary variable stays 0',
	about:
		"Each process takes the lock, sleeps 0.5 s, and adds 1 to a shared Value and to an ordinary module variable. Watch the lock pass from holder to waiter: about 2 s in all. The shared counter ends at 4; the parent's ordinary variable stays 0, because each child changed its own copy.",
	// The first holder and the next are ready at once; the other two boot during the first 0.5 s.
	warm: {processes: 2, modules: [tasks]},
	async run(orchestrator) {
		const started = performance.now();
		const counter = new Value('i', 0, {name: 'counter', orchestrator});
		const lock = new Lock({name: 'lock', orchestrator});
		const work = task(tasks, 'countUnderLock');
		const processes = Array.from(
			{length: count},
			() => new Process({target: work, args: [counter, lock, holdMs], orchestrator}),
		);
		for (const child of processes) await child.start();
		await Promise.all(processes.map((child) => child.join()));
		const elapsed = (performance.now() - started) / 1000;
		const childCopies = processes.map((child) => child.result);
		return {
			ok:
				counter.value === count &&
				ordinary === 0 &&
				processes.every((child) => child.exitcode === 0),
			notes: [
				`shared counter ${counter.value}, the parent's ordinary variable ${ordinary}, in ${elapsed.toFixed(2)} s (Python: 4, 0, 2.01 s)`,
				`each child's own copy of the ordinary variable ended at ${childCopies.join(', ')}`,
			],
		};
	},
};
