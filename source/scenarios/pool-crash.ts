import {WorkerDiedError} from '../core/errors.js';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {Pool} from '../core/pool/pool.js';
import {task} from '../core/process/task.js';
import {poolReady} from './pool-ready.js';
import type {Scenario} from './scenario.js';
import type {SleepResult} from './tasks/pool-sleep.js';

const workers = 4;
const tasks = 12;
const taskSeconds = 1.5;
// The sixth task to start is the one whose worker dies, half a second into it.
const victimStart = 6;
const killAfterMs = 500;

/** A worker is SIGKILLed mid-task: WorkerDiedError for its task, a replacement, 11 results. */
export const poolCrash: Scenario = {
	name: 'pool-crash',
	description: 'a pool of 4 runs 12 tasks; a worker is SIGKILLed mid-task: 1 error, 11 results',
	about:
		"A pool of 4 gets 12 tasks of 1.5 s; mid-way one worker is SIGKILLed, as by an out-of-memory kill. CPython's Pool hangs here (gh-66587); procdash fails that task with WorkerDiedError, replaces the worker, and the other 11 finish.",
	async run(orchestrator, signal) {
		const sleeper = task(new URL('./tasks/pool-sleep.js', import.meta.url), 'sleepTask');
		const crashPool = new Pool({processes: workers, orchestrator});
		try {
			await poolReady(orchestrator, crashPool, signal);
			const stopKiller = killSixthWorker(orchestrator, crashPool);
			// One apply per task, as Python's [pool.apply_async(f, (i,)) for i in …]: each settles
			// on its own, so one death costs one task and the rest still arrive.
			const outcomes = await Promise.allSettled(
				Array.from({length: tasks}, (_, index) =>
					crashPool.apply<SleepResult>(sleeper, [{index, seconds: taskSeconds}]),
				),
			);
			stopKiller();
			crashPool.close();
			await crashPool.join();
			return verdict(orchestrator, crashPool, outcomes);
		} catch (error) {
			// Stopped early (q, a signal) or something failed: leave no worker behind.
			await crashPool.terminate();
			throw error;
		}
	},
};

function killSixthWorker(orchestrator: Orchestrator, pool: Pool): () => void {
	let starts = 0;
	let timer: NodeJS.Timeout | undefined;
	const unsubscribe = orchestrator.bus.subscribe((event) => {
		if (event.type !== 'pool:task-started' || event.poolId !== pool.id) return;
		if (++starts !== victimStart) return;
		timer = setTimeout(() => orchestrator.find(event.processId)?.kill(), killAfterMs);
	});
	return () => {
		clearTimeout(timer);
		unsubscribe();
	};
}

function verdict(
	orchestrator: Orchestrator,
	pool: Pool,
	outcomes: readonly PromiseSettledResult<SleepResult>[],
) {
	const results = outcomes.filter((outcome) => outcome.status === 'fulfilled');
	const failures = outcomes.flatMap((outcome) =>
		outcome.status === 'rejected' ? [outcome.reason] : [],
	);
	const deaths = failures.filter((reason) => reason instanceof WorkerDiedError);
	const replaced = orchestrator.bus
		.history()
		.filter((event) => event.type === 'pool:worker-replaced' && event.poolId === pool.id);
	const [death] = deaths as WorkerDiedError[];
	const replacement = replaced[0]?.type === 'pool:worker-replaced' ? replaced[0] : undefined;
	return {
		ok:
			deaths.length === 1 &&
			failures.length === 1 &&
			results.length === tasks - 1 &&
			replacement !== undefined,
		notes: [
			`${deaths.length} WorkerDiedError, ${results.length} results, ${replaced.length} replacement${replaced.length === 1 ? '' : 's'}`,
			death ? `${death.name}: ${death.message}` : 'no worker died',
			replacement
				? `${replacement.replacement} replaced ${replacement.worker}`
				: 'no replacement started',
		],
	};
}
