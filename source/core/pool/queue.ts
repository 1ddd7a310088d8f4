import {PoolQueueFullError} from '../errors.js';
import type {PoolTask} from './jobs.js';

/**
 * The pool's queue of tasks waiting for a worker: first in, first out, with a way back to the
 * front for tasks lost with a worker. Taking from the front is O(1) however long the queue.
 */
export class TaskQueue {
	#tasks: (PoolTask | undefined)[] = [];
	#head = 0;

	/** Tasks waiting. */
	get length(): number {
		return this.#tasks.length - this.#head;
	}

	/** Adds tasks at the back, in order. */
	push(tasks: readonly PoolTask[]): void {
		for (const task of tasks) this.#tasks.push(task);
	}

	/** Puts tasks back at the front, in order: they run next. */
	unshift(tasks: readonly PoolTask[]): void {
		if (tasks.length === 0) return;
		this.#tasks = [...tasks, ...this.#tasks.slice(this.#head)];
		this.#head = 0;
	}

	/** The task at the front, left there. */
	peek(): PoolTask | undefined {
		return this.#tasks[this.#head];
	}

	/** Takes the task at the front. */
	shift(): PoolTask | undefined {
		if (this.#head >= this.#tasks.length) return undefined;
		const task = this.#tasks[this.#head];
		this.#tasks[this.#head++] = undefined;
		if (this.#head >= 1024 && this.#head * 2 >= this.#tasks.length) {
			this.#tasks = this.#tasks.slice(this.#head);
			this.#head = 0;
		}
		return task;
	}

	/** Takes up to `count` tasks from the front, in order. */
	take(count: number): PoolTask[] {
		const tasks: PoolTask[] = [];
		while (tasks.length < count && this.length > 0) tasks.push(this.shift() as PoolTask);
		return tasks;
	}

	/** Takes out every task `which` picks, returning them in order; the others keep their place. */
	remove(which: (task: PoolTask) => boolean): PoolTask[] {
		const waiting = this.#tasks.slice(this.#head) as PoolTask[];
		const removed = waiting.filter(which);
		if (removed.length === 0) return removed;
		this.#tasks = waiting.filter((task) => !which(task));
		this.#head = 0;
		return removed;
	}

	/** Empties the queue, returning what it held. */
	drain(): PoolTask[] {
		const tasks = this.#tasks.slice(this.#head) as PoolTask[];
		this.#tasks = [];
		this.#head = 0;
		return tasks;
	}
}

/** How full a pool is, for checkRoom(). */
export type Load = {
	/** Tasks queued or in the workers' hands. */
	readonly outstanding: number;
	readonly processes: number;
	/** Infinity when there is no bound. */
	readonly maxQueue: number;
};

/**
 * Throws a PoolQueueFullError when `count` more tasks would leave more than `maxQueue` waiting.
 * As piscina's: the workers' share, one task each, does not count as waiting.
 */
export function checkRoom(pool: string, call: string, count: number, load: Load): void {
	const {outstanding, processes, maxQueue} = load;
	if (outstanding + count <= processes + maxQueue) return;
	const waiting = Math.max(0, outstanding - processes);
	throw new PoolQueueFullError(
		`${pool}'s queue is full: ${call}() would add ${count} task${count === 1 ? '' : 's'} to the ${waiting} waiting for a worker (maxQueue ${maxQueue}, beyond one task per worker)`,
	);
}
