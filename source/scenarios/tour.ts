import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {Pool} from '../core/pool/pool.js';
import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Lock} from '../core/shared/lock.js';
import {Event} from '../core/shared/sync/event.js';
import {Queue} from '../core/shared/sync/queue.js';
import {Value} from '../core/shared/value.js';
import {poolReady} from './pool-ready.js';
import type {Scenario, ScenarioOutcome} from './scenario.js';
import type {SleepResult} from './tasks/pool-sleep.js';
import {untilAborted} from './wait.js';

// Fifteen sleeps of 1.1–2.9 s: on three workers a round's queue drains in about 10 s.
const durations = [1.4, 2.6, 1.1, 2.2, 1.8, 2.9, 1.2, 2.4, 1.6, 2.0, 1.3, 2.7, 1.5, 2.1, 1.9];
const workers = 3;
const adders = 3;
const holdMs = 600;
// A shell that always has two children of its own, each living 2–3 s.
const shellScript =
	'i=0; while :; do i=$((i+1)); echo "step $i: two sleeps in the background"; sleep 2 & sleep 3 & wait; done';

/** Everything at once, round after round until stopped: the default preset. */
export const tour: Scenario = {
	name: 'tour',
	description:
		'everything at once, ~10 s a round until you quit: a pool draining sleeps, three processes sharing a counter under a lock and posting news on a queue, a shell with children (--json: one round)',
	about:
		'A tour, round after round (~10 s each) until you press q. Pools: three workers drain a queue of 15 sleeps, refilled each round. Sync: adder-1, -2 and -3 wait for the go event (the start gun), then take turns holding the lock 0.6 s to add 1 to the shared counter: one holder, two waiters. Queues: after each add an adder puts a line on news, which the tour reads once a second. Processes: shell keeps two sleeps of its own, indented under it. s picks another preset.',
	endless: true,
	async run(orchestrator, signal, {bounded}) {
		const parts = await startParts(orchestrator);
		const children = watchChildren(orchestrator, parts.shell);
		const rounds: RoundReport[] = [];
		// q stops the orchestrator before the dashboard aborts the preset: either ends the tour.
		const stopped = () => signal.aborted || orchestrator.stopping;
		// One wait for the abort, whatever the number of rounds: a listener each would pile up.
		const aborted = untilAborted(signal).then(() => undefined);
		const reading = readNews(parts.news, aborted);
		try {
			await parts.go.set();
			await poolReady(orchestrator, parts.pool, signal);
			while (!stopped()) {
				parts.round.value = rounds.length + 1;
				const report = await playRound(parts.pool, rounds.length, aborted);
				if (!report || stopped()) break;
				rounds.push(report);
				// A pool that can no longer run (terminated, broken) would fail every round at once.
				if (bounded || parts.pool.state !== 'running') break;
			}
		} finally {
			await endParts(parts, stopped());
			reading.stop();
			children.stop();
		}
		return outcome(parts, rounds, children.count(), await reading.count(), stopped());
	},
};

type Parts = {
	readonly pool: Pool;
	readonly counter: Value;
	readonly round: Value;
	readonly adders: readonly Process[];
	readonly shell: Process;
	readonly go: Event;
	readonly news: Queue;
};

type RoundReport = {
	readonly seconds: number;
	readonly inOrder: boolean;
	/** Why the round's map failed (a worker killed from the dashboard, say); the tour goes on. */
	readonly failure?: string;
};

async function startParts(orchestrator: Orchestrator): Promise<Parts> {
	const pool = new Pool({processes: workers, orchestrator});
	const counter = new Value('i', 0, {name: 'counter', orchestrator});
	const round = new Value('i', 0, {name: 'round', orchestrator});
	// The adders loop while the round is above 0: set it before they start.
	round.value = 1;
	const lock = new Lock({name: 'lock', orchestrator});
	const go = new Event({name: 'go', orchestrator});
	const news = new Queue({name: 'news', orchestrator});
	const add = task(new URL('./tasks/tour.js', import.meta.url), 'addWhileTouring');
	const adderProcesses = Array.from(
		{length: adders},
		(_, index) =>
			new Process({
				target: add,
				args: [counter, lock, round, holdMs, go, news],
				name: `adder-${index + 1}`,
				orchestrator,
			}),
	);
	const shell = new Process({
		command: 'sh',
		args: ['-c', shellScript],
		name: 'shell',
		orchestrator,
	});
	await Promise.all([...adderProcesses, shell].map((process) => process.start()));
	return {pool, counter, round, adders: adderProcesses, shell, go, news};
}

// One round: the pool maps this round's sleeps (the list turned by one each round, so that the
// schedule changes). Undefined when stopped during it.
async function playRound(
	pool: Pool,
	index: number,
	aborted: Promise<undefined>,
): Promise<RoundReport | undefined> {
	const sleeper = task(new URL('./tasks/pool-sleep.js', import.meta.url), 'sleepTask');
	const turn = index % durations.length;
	const sleeps = [...durations.slice(turn), ...durations.slice(0, turn)];
	const started = performance.now();
	const mapped = pool.map<SleepResult>(
		sleeper,
		sleeps.map((value, item) => ({index: item, seconds: value})),
		// One sleep a task, so that the queue drains one by one, 15 → 0.
		{chunksize: 1},
	);
	// A failed map (PoolTerminatedError when the stop comes mid-round, WorkerDiedError when a
	// worker is killed from the dashboard) is a round's outcome, not the tour's end.
	const settled = mapped.then(
		(results) => ({results}),
		(error: unknown) => ({failure: error instanceof Error ? error.name : String(error)}),
	);
	const result = await Promise.race([settled, aborted]);
	if (!result) return undefined;
	const seconds = (performance.now() - started) / 1000;
	if ('failure' in result) return {seconds, inOrder: true, failure: result.failure};
	return {seconds, inOrder: result.results.every((done, item) => done.index === item)};
}

// Whether stopped or done, leave nothing running: the adders finish their turn and return, the
// shell and the pool are ended.
async function endParts(parts: Parts, stopped: boolean): Promise<void> {
	parts.round.value = 0;
	parts.shell.terminate();
	if (stopped || parts.pool.state !== 'running') await parts.pool.terminate();
	else {
		parts.pool.close();
		await parts.pool.join();
	}
	await Promise.all(parts.adders.map((adder) => adder.join()));
	await parts.shell.join();
}

function outcome(
	{counter, adders}: Parts,
	rounds: readonly RoundReport[],
	children: number,
	news: number,
	stopped: boolean,
): ScenarioOutcome {
	const adds = adders.map((adder) => adder.result);
	const reported = adds.every((value) => typeof value === 'number');
	const sum = adds.reduce<number>((total, value) => total + (Number(value) || 0), 0);
	const inOrder = rounds.every((round) => round.inOrder);
	const failures = rounds.flatMap((round, index) =>
		round.failure ? [`round ${index + 1}: ${round.failure}`] : [],
	);
	const notes = [
		`${rounds.length} round${rounds.length === 1 ? '' : 's'} of ${durations.length} sleeps on ${workers} workers${rounds.length > 0 ? ` (${rounds.map((round) => `${round.seconds.toFixed(1)} s`).join(', ')})` : ''}; results ${inOrder ? 'in input order' : 'OUT OF ORDER'}`,
		reported
			? `counter ${counter.value}; the adders added ${adds.join(' + ')} = ${sum}: ${counter.value === sum ? 'none lost' : 'SOME LOST'}`
			: `counter ${counter.value}, added under the lock by ${adders.length} processes`,
		`news read from the queue: ${news} line${news === 1 ? '' : 's'}, one per add`,
		`shell's own children seen: ${children} sleep${children === 1 ? '' : 's'}`,
		...failures,
	];
	// Stopped from outside, the tour ended as it should: nothing it checks can be complete.
	if (stopped) return {ok: true, notes: ['stopped', ...notes]};
	return {
		ok:
			rounds.length > 0 &&
			failures.length === 0 &&
			inOrder &&
			reported &&
			counter.value === sum &&
			news === sum &&
			children > 0,
		notes,
	};
}

// Counts the shell's children as the stats sampler sees them: distinct pids whose parent it is.
function watchChildren(orchestrator: Orchestrator, shell: Process) {
	const pids = new Set<number>();
	const stop = orchestrator.bus.subscribe((event) => {
		if (event.type !== 'stats:sampled') return;
		for (const stats of event.processes) if (stats.ppid === shell.pid) pids.add(stats.pid);
	});
	return {count: () => pids.size, stop};
}

// Reads the news once a second, all that is there, until stopped; then what is left. Counts the
// lines read: one per add, or some were lost.
function readNews(news: Queue, aborted: Promise<undefined>) {
	let read = 0;
	let running = true;
	let wake: () => void = () => {};
	const stopped = new Promise<void>((resolve) => {
		wake = resolve;
	});
	const drain = async () => {
		while (!(await news.empty())) {
			await news.get();
			read++;
		}
	};
	const loop = (async () => {
		while (running) {
			await drain();
			let timer: NodeJS.Timeout | undefined;
			const second = new Promise((resolve) => {
				timer = setTimeout(resolve, 1000);
			});
			// Aborted (or stopped) for good: once resolved it would make every race at once.
			const ended = await Promise.race([
				second,
				aborted.then(() => 'ended'),
				stopped.then(() => 'ended'),
			]);
			clearTimeout(timer);
			if (ended === 'ended') break;
		}
	})();
	return {
		stop: () => {
			running = false;
			wake();
		},
		count: async () => {
			await loop;
			await drain();
			return read;
		},
	};
}
