import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Lock} from '../core/shared/lock.js';
import {sharedMemoryNote} from '../core/shared/memory/native.js';
import {Value} from '../core/shared/value.js';
import type {Scenario} from './scenario.js';

const count = 4;
const times = 10_000;
const expected = count * times;
const tasks = new URL('./tasks/shared.js', import.meta.url);

/** A read-modify-write race on a shared Value: updates lost without the lock, none with it. */
export const race: Scenario = {
	name: 'race',
	description:
		'four processes, started together, increment one value 10,000 times each: updates lost without a lock, none with it',
	about:
		"First without the lock: the four processes wait at a start line (`at the line` counts them in), then each reads `unlocked` and writes it plus one 10,000 times, and the others write in between — watch it fall short of 40,000. Then, at a second start line, the same four do it again on `locked` with the lock around each read and write: it reaches exactly 40,000 (slower: every increment waits its turn). The values and the lock live in memory the processes share, as Python's do, where procdash's native addon is built; elsewhere each step is a round trip to the parent, and the rounds take seconds.",
	// The four runtimes boot before the clock starts, as Python's interpreter is up before its
	// program runs; the same four run both rounds.
	warm: {processes: count, modules: [tasks]},
	async run(orchestrator, signal) {
		const unlocked = new Value('i', 0, {name: 'unlocked', orchestrator});
		const locked = new Value('i', 0, {name: 'locked', orchestrator});
		const lock = new Lock({name: 'lock', orchestrator});
		const arrived = new Value('i', 0, {name: 'at the line', orchestrator});
		await runAll(orchestrator, [unlocked, locked, lock, times, arrived, count]);
		if (signal.aborted) return {ok: false, notes: ['stopped before the end']};
		const lost = expected - (unlocked.value as number);
		return {
			ok: locked.value === expected && lost > 0,
			notes: [
				`without the lock: ${unlocked.value} of ${expected} (${lost} updates lost); with it: ${locked.value}`,
				sharedMemoryNote(),
			],
		};
	},
};

async function runAll(orchestrator: Orchestrator, args: unknown[]) {
	const processes = Array.from(
		{length: count},
		(_, index) =>
			new Process({
				target: task(tasks, 'raceThenLock'),
				args,
				name: `racer-${index + 1}`,
				orchestrator,
			}),
	);
	await Promise.all(processes.map((child) => child.start()));
	await Promise.all(processes.map((child) => child.join()));
}
