// A lock workload of the soak's own: the `race` preset's locked half, short enough to repeat.
import {Process} from '../source/core/process/process.js';
import {task} from '../source/core/process/task.js';
import {Lock} from '../source/core/shared/lock.js';
import {Value} from '../source/core/shared/value.js';
import type {Scenario} from '../source/scenarios/scenario.js';

const count = 4;
const times = 250;

/** Four processes each read-then-write `locked` 250 times, each increment under the lock. */
export const lockedIncrements: Scenario = {
	name: 'locked-race',
	description: 'four processes increment one value 250 times each under a lock',
	about: 'The locked half of the race preset, short.',
	async run(orchestrator) {
		const locked = new Value('i', 0, {name: 'locked', orchestrator});
		const lock = new Lock({name: 'lock', orchestrator});
		const target = task(
			new URL('../source/scenarios/tasks/shared.js', import.meta.url),
			'incrementUnderLock',
		);
		const processes = Array.from(
			{length: count},
			(_, index) =>
				new Process({
					target,
					args: [locked, lock, times],
					name: `locker-${index + 1}`,
					orchestrator,
				}),
		);
		for (const child of processes) await child.start();
		await Promise.all(processes.map((child) => child.join()));
		return {ok: locked.value === count * times, notes: [`locked ${locked.value}`]};
	},
};
