// One iteration of the soak: a preset played headless on a fresh orchestrator while a killer
// SIGKILLs its task processes at random, then an account of every task and every update.
import pidtree from 'pidtree';
import type {BusEvent} from '../source/core/events/index.js';
import {createOrchestrator, type Orchestrator} from '../source/core/orchestrator/orchestrator.js';
import {isRunning} from '../source/core/stats/proc.js';
import {runHeadless} from '../source/headless/run-headless.js';
import type {Scenario} from '../source/scenarios/scenario.js';

/** What one iteration found. */
export type IterationReport = {
	readonly preset: string;
	readonly seconds: number;
	/** Processes the killer SIGKILLed. */
	readonly kills: number;
	/** Pool items queued, and how each ended: done (ok or failed) or cancelled by a stop. */
	readonly queued: number;
	readonly done: number;
	readonly failed: number;
	readonly cancelled: number;
	/** Items neither done nor cancelled: must be 0. */
	readonly lostItems: number;
	/** Writes to the counter under the lock that the final value does not hold: must be 0. */
	readonly lostUpdates: number;
	/** Process groups that survived the stop: must be none. */
	readonly survivors: readonly number[];
	/** Descendants of the soak still alive after the stop: must be none. */
	readonly orphans: readonly number[];
};

/** Plays `scenario` once under random kills and accounts for everything it started. */
export async function playUnderFire(scenario: Scenario, seed: number): Promise<IterationReport> {
	const orchestrator = createOrchestrator({graceMs: 2000, historySize: 100});
	const events: BusEvent[] = [];
	orchestrator.bus.subscribe((event) => {
		if (event.type !== 'stats:sampled' && event.type !== 'process:output') events.push(event);
	});
	const killer = startKiller(orchestrator, seed);
	const started = performance.now();
	await runHeadless({orchestrator, scenario, sink: () => {}});
	const kills = killer.stop();
	const seconds = (performance.now() - started) / 1000;
	const watchdog = orchestrator.watchdogPid;
	const orphans = await leftovers([watchdog]);
	return {preset: scenario.name, seconds, kills, ...account(events), orphans};
}

// SIGKILLs a random live task process (a pool worker, a process under a lock) every 0.3–2 s.
function startKiller(orchestrator: Orchestrator, seed: number) {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
	let kills = 0;
	let timer: NodeJS.Timeout;
	const schedule = () => {
		timer = setTimeout(
			() => {
				const tasks = orchestrator.live().filter((process) => process.kind === 'task');
				const victim = tasks[Math.floor(random() * tasks.length)];
				if (victim?.kill()) kills++;
				schedule();
			},
			300 + random() * 1700,
		);
	};
	schedule();
	return {
		stop: () => {
			clearTimeout(timer);
			return kills;
		},
	};
}

function account(events: readonly BusEvent[]) {
	let queued = 0;
	let done = 0;
	let failed = 0;
	let cancelled = 0;
	// Per counter: writes made by processes, and the last value written.
	const counters = new Map<string, {writes: number; last: number}>();
	let survivors: readonly number[] = [];
	for (const event of events) {
		if (event.type === 'pool:task-queued') queued += event.count;
		else if (event.type === 'pool:task-done') {
			if (event.ok) done += event.count;
			else failed += event.count;
		} else if (event.type === 'pool:closed') cancelled += event.cancelled ?? 0;
		else if (event.type === 'value:changed' && countsUp(event.name) && event.by.id > 0) {
			const seen = counters.get(event.name) ?? {writes: 0, last: 0};
			counters.set(event.name, {writes: seen.writes + 1, last: Number(event.value)});
		} else if (event.type === 'orchestrator:stopped') survivors = event.survivors;
	}
	// Each write under the lock adds exactly 1: the last value written counts every write.
	let lostUpdates = 0;
	for (const {writes, last} of counters.values()) lostUpdates += writes - last;
	const lostItems = queued - done - failed - cancelled;
	return {queued, done, failed, cancelled, lostItems, lostUpdates, survivors};
}

// The shared values the presets count up by one under a lock (race's `unlocked` loses on purpose).
function countsUp(name: string): boolean {
	return name === 'counter' || name === 'locked';
}

// Living descendants of the soak (zombies aside: this machine's init does not reap orphans),
// once they have had 3 s to go. Any found are killed, so that the next iteration starts clean.
async function leftovers(ignore: readonly (number | undefined)[]): Promise<number[]> {
	const deadline = performance.now() + 3000;
	let left: number[] = [];
	do {
		left = (await pidtree(process.pid)).filter((pid) => !ignore.includes(pid) && living(pid));
		if (left.length === 0) return [];
		await new Promise((resolve) => setTimeout(resolve, 100));
	} while (performance.now() < deadline);
	for (const pid of left) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone since.
		}
	}
	return left;
}

function living(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	return isRunning(pid);
}
