import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Thread} from '../core/process/thread.js';
import {forceBroker} from '../core/shared/memory/native.js';
import {Value} from '../core/shared/value.js';
import type {Scenario} from './scenario.js';

const count = 4;
const workMs = 3000;

/** Threads and processes add to shared values side by side: shared memory against IPC. */
export const threads: Scenario = {
	name: 'threads',
	description:
		'four threads and four processes add 1 to shared values for 3 s: threads on the memory itself, processes over IPC',
	about:
		'The four Thread rows share this process (their pid is its pid) and add straight to the memory of `in threads` with Atomics; the four processes ask the owner for each add of `over IPC`. Watch `in threads` race to about a hundred million on two cores while `over IPC` counts in thousands, one round trip for each add; neither loses an add.',
	async run(orchestrator) {
		const inThreads = new Value('q', 0, {name: 'in threads', orchestrator});
		// The lesson is memory against IPC: this value stays with the broker even where processes
		// could share its memory.
		forceBroker(true);
		const overIpc = new Value('q', 0, {name: 'over IPC', orchestrator});
		forceBroker(false);
		const module = new URL('./tasks/threads.js', import.meta.url);
		const workers = [
			...make(orchestrator, count, (index) => {
				const target = task(module, 'addInThread');
				return new Thread({
					target,
					args: [inThreads, workMs],
					name: `thread-${index}`,
					orchestrator,
				});
			}),
			...make(orchestrator, count, (index) => {
				const target = task(module, 'addOverIpc');
				return new Process({
					target,
					args: [overIpc, workMs],
					name: `process-${index}`,
					orchestrator,
				});
			}),
		];
		for (const worker of workers) await worker.start();
		await Promise.all(workers.map((worker) => worker.join()));
		const sum = (kind: 'thread' | 'task') =>
			workers
				.filter((worker) => worker.kind === kind)
				.reduce((total, worker) => total + BigInt((worker.result as number | undefined) ?? 0), 0n);
		const [threadAdds, processAdds] = [sum('thread'), sum('task')];
		return {
			ok:
				inThreads.value === threadAdds &&
				overIpc.value === processAdds &&
				threadAdds > processAdds &&
				workers.every((worker) => worker.exitcode === 0),
			notes: [
				`in threads: ${inThreads.value} adds; over IPC: ${overIpc.value} adds, in ${workMs / 1000} s each`,
				`every add counted: the values are the sums of what each worker says it added (${threadAdds}, ${processAdds})`,
			],
		};
	},
};

function make<T>(_orchestrator: Orchestrator, length: number, build: (index: number) => T): T[] {
	return Array.from({length}, (_, index) => build(index + 1));
}
