import {
	type ErrorInfo,
	EventBus,
	fold,
	type PoolRow,
	type ReplacementReason,
	type Snapshot,
} from '../../source/index.js';

/**
 * One pool's events written by hand, on a bus whose clock the test sets: for the pure reducer
 * and the panels, which need no process. Workers are `PoolWorker-n` with process id n; task n
 * holds map item n − 1.
 */
export function handWrittenPool() {
	let now = 0;
	const bus = new EventBus({now: () => now, historySize: 10_000});
	const ref = {poolId: 1, pool: 'Pool-1'};
	const worker = (n: number) => ({processId: n, worker: `PoolWorker-${n}`});
	const task = (taskId: number, n: number) => ({
		...ref,
		...worker(n),
		taskId,
		call: 'map',
		first: taskId - 1,
		count: 1,
	});
	return {
		bus,
		/** Sets the clock, in milliseconds since the bus started. */
		at(ms: number) {
			now = ms;
		},
		created: (processes = 2) =>
			bus.emit('pool:created', {...ref, processes, maxTasksPerChild: null}),
		queued: (count: number) => bus.emit('pool:task-queued', {...ref, tasks: count, count}),
		/** Worker n starts (pid 1000 + n) and is ready. */
		workerUp(n: number) {
			bus.emit('pool:worker-started', {...ref, ...worker(n), pid: 1000 + n});
			bus.emit('pool:worker-ready', {...ref, ...worker(n)});
		},
		started: (taskId: number, n: number) => bus.emit('pool:task-started', task(taskId, n)),
		done: (taskId: number, n: number) =>
			bus.emit('pool:task-done', {...task(taskId, n), ok: true, ms: 5}),
		failed: (taskId: number, n: number, error: ErrorInfo) =>
			bus.emit('pool:task-done', {...task(taskId, n), ok: false, ms: 5, error}),
		/** Worker n dies by SIGKILL while running `taskId`. */
		died: (n: number, taskId: number | undefined) =>
			bus.emit('pool:worker-died', {
				...ref,
				...worker(n),
				pid: 1000 + n,
				exitcode: -9,
				signal: 'SIGKILL',
				taskId,
				requeued: 0,
			}),
		/** A map is cancelled: `queued` of its items dropped, `running` stopped. */
		cancelled: (queued: number, running: number) =>
			bus.emit('pool:call-cancelled', {...ref, call: 'map', reason: 'aborted', queued, running}),
		/** Worker `by` takes the place of worker n, which died (or as `reason` says). */
		replaced: (n: number, by: number, reason: ReplacementReason = 'died') =>
			bus.emit('pool:worker-replaced', {
				...ref,
				...worker(n),
				replacementId: by,
				replacement: `PoolWorker-${by}`,
				reason,
			}),
		snapshot: (): Snapshot => fold(bus.history()),
		pool: (): PoolRow => fold(bus.history()).pools[0] as PoolRow,
	};
}
