import type {PoolJob, PoolTask} from './jobs.js';
import type {TaskQueue} from './queue.js';
import type {WorkerSlot} from './workers.js';

/** What cancelling a call takes out of its pool. */
export type Withdrawn = {
	/** The call's tasks not yet answered, out of the queue and the workers' hands. */
	readonly tasks: PoolTask[];
	/** How many of their items a worker had begun. */
	readonly running: number;
	/** The workers running one of them: to be stopped. */
	readonly workers: WorkerSlot[];
};

/**
 * Takes `job`'s tasks out of the queue and out of the workers. A worker running one of them is
 * to be stopped, and what it held of other calls goes back to the front of the queue. A task
 * sent ahead to a worker busy with another call's task is only forgotten: the worker runs it,
 * and its answer, which matches no task the pool is waiting for, is ignored.
 */
export function withdraw(job: PoolJob, queue: TaskQueue, slots: Iterable<WorkerSlot>): Withdrawn {
	const tasks = queue.remove((task) => task.job === job);
	const workers: WorkerSlot[] = [];
	let running = 0;
	for (const slot of slots) {
		const [head] = slot.tasks;
		if (!head || !slot.tasks.some((task) => task.job === job)) continue;
		const held = slot.tasks.splice(0);
		tasks.push(...held.filter((task) => task.job === job));
		const others = held.filter((task) => task.job !== job);
		if (head.job === job) {
			running += head.items.length;
			workers.push(slot);
			queue.unshift(others);
		} else {
			slot.tasks.push(...others);
		}
	}
	return {tasks, running, workers};
}
