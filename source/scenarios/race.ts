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

/** A read-modify-write race on a shared Value: updates lost without the lock, none with it. */
export const race: Scenario = {
	name: 'race',
	description:
		'four processes, started together, increment one value 10,000 times each: updates lost without a lock, none with it',
	about:
		"First without the lock: the four processes wait at a start line, then each reads the value and writes it plus one, and the others write in between — watch `unlocked` fall short of 40,000. Then again with the lock around each read and write: `locked` reaches exactly 40,000 (slower: every increment waits its turn). The value and the lock live in memory the processes share, as Python's do, where procdash's native addon is built; elsewhere each step is a round trip to the parent, and the rounds take seconds.",
	warm: {processes: count, modules: [new URL('./tasks/shared.js', import.meta.url)]},
	async run(orchestrator, signal) {
		const unlocked = new Value('i', 0, {name: 'unlocked', orchestrator});
		const locked = new Value('i', 0, {name: 'locked', orchestrator});
		const lock = new Lock({name: 'lock', orchestrator});
		const module = new URL('./tasks/shared.js', import.meta.url);
		const racersIn = new Value('i', 0, {name: 'racers-in', orchestrator});
		const lockersIn = new Value('i', 0, {name: 'lockers-in', orchestrator});
		await runAll(
			orchestrator,
			task(module, 'incrementRacily'),
			[unlocked, times, racersIn, count],
			'racer',
		);
		if (signal.aborted) return {ok: false, notes: ['stopped before the locked round']};
		await runAll(
			orchestrator,
			task(module, 'incrementUnderLock'),
			[locked, lock, times, lockersIn, count],
			'locker',
		);
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

async function runAll(
	orchestrator: Orchestrator,
	target: ReturnType<typeof task>,
	args: unknown[],
	prefix: string,
) {
	const processes = Array.from(
		{length: count},
		(_, index) => new Process({target, args, name: `${prefix}-${index + 1}`, orchestrator}),
	);
	await Promise.all(processes.map((child) => child.start()));
	await Promise.all(processes.map((child) => child.join()));
}
