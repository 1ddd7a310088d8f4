import {Pool} from '../core/pool/pool.js';
import {task} from '../core/process/task.js';
import {poolReady, scheduleBound} from './pool-ready.js';
import type {Scenario} from './scenario.js';
import type {SleepResult} from './tasks/pool-sleep.js';

// Python's random.Random(42).uniform(1, 4), 16 draws, rounded to the millisecond.
const durations = [
	2.918, 1.075, 1.825, 1.67, 3.209, 3.03, 3.677, 1.261, 2.266, 1.089, 1.656, 2.516, 1.08, 1.597,
	2.95, 2.635,
];
const workers = 4;
// What Python 3.11's Pool(4).map of these sleeps took on these machines.
const pythonSeconds = 9.4;
// Sleeps cannot end early, so the map cannot beat the schedule by more than the clocks' rounding;
// late is a few milliseconds a task, and a loaded machine may add more: a second is never noise.
const earlySeconds = 0.05;
const lateSeconds = 1;

/** Pool(4) maps 16 sleeps: the queue drains 16 → 0 in about 9.4 s, results in input order. */
export const pool: Scenario = {
	name: 'pool',
	description: 'Pool(4) maps 16 sleeps of 1–3.7 s: the queue drains 16 → 0 in about 9.4 s',
	about:
		"Pool(4) maps 16 sleeps of 1.1–3.7 s (Python's Random(42).uniform(1, 4)). In the Pools panel the queue drains 16 → 0 as each worker takes the next task when free; Python took 9.40 s. Results come back in input order.",
	async run(orchestrator, signal) {
		const sleeper = task(new URL('./tasks/pool-sleep.js', import.meta.url), 'sleepTask');
		const workersPool = new Pool({processes: workers, orchestrator});
		try {
			await poolReady(orchestrator, workersPool, signal);
			const started = performance.now();
			const items = durations.map((seconds, index) => ({index, seconds}));
			const results = await workersPool.map<SleepResult>(sleeper, items);
			const seconds = (performance.now() - started) / 1000;
			workersPool.close();
			await workersPool.join();
			const bound = scheduleBound(durations, workers);
			const inOrder = results.every((result, index) => result.index === index);
			const onTime = seconds >= bound - earlySeconds && seconds <= bound + lateSeconds;
			return {
				ok: inOrder && onTime,
				notes: [
					`16 tasks on ${workers} workers took ${seconds.toFixed(2)} s (schedule ${bound.toFixed(3)} s, Python ${pythonSeconds.toFixed(2)} s); results ${inOrder ? 'in input order' : 'OUT OF ORDER'}`,
					...(onTime
						? []
						: [`expected ${bound.toFixed(3)} s −${earlySeconds} / +${lateSeconds} s`]),
					`workers used: ${[...new Set(results.map((result) => result.worker))].join(', ')}`,
				],
			};
		} catch (error) {
			// Stopped early (q, a signal) or something failed: leave no worker behind.
			await workersPool.terminate();
			throw error;
		}
	},
};
