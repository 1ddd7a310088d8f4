import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Semaphore} from '../core/shared/sync/semaphore.js';
import type {Scenario} from './scenario.js';
import {watchObject} from './watch.js';

const count = 6;
const permits = 2;
const insideMs = 600;

/** Six processes share a Semaphore(2): never more than two inside, the others queue. */
const module = new URL('./tasks/sync.js', import.meta.url);

export const semaphore: Scenario = {
	name: 'semaphore',
	description: '6 processes, a Semaphore(2): never more than two inside, the others queue',
	about:
		'Each of six processes takes a permit of `slots`, works 0.6 s inside, and gives it back. Watch the Sync panel: 0 of 2 left, two holders, the others waiting in line (their rows say so), three rounds in about 1.8 s.',
	// Two rounds are ready at once; the last round boots during the first 0.6 s.
	warm: {processes: 2 * permits, modules: [module]},
	async run(orchestrator) {
		const started = performance.now();
		const slots = new Semaphore(permits, {name: 'slots', orchestrator});
		const watch = watchObject(orchestrator.bus, slots.id, ['sync:acquired', 'sync:waiting']);
		const workers = Array.from(
			{length: count},
			(_, index) =>
				new Process({
					target: task(module, 'useSlot'),
					args: [slots, insideMs],
					name: `worker-${index + 1}`,
					orchestrator,
				}),
		);
		for (const child of workers) await child.start();
		await Promise.all(workers.map((child) => child.join()));
		const elapsed = (performance.now() - started) / 1000;
		const seen = watch.stop();
		const inside = (state: (typeof seen)[number]['state']) =>
			state.holders.reduce((sum, holder) => sum + holder.count, 0);
		const most = Math.max(0, ...seen.map((event) => inside(event.state)));
		const longestLine = Math.max(0, ...seen.map((event) => event.state.waiters.length));
		const acquired = seen.filter((event) => event.type === 'sync:acquired').length;
		return {
			ok:
				most === permits &&
				longestLine > 0 &&
				acquired === count &&
				workers.every((child) => child.exitcode === 0),
			notes: [
				`at most ${most} inside at once (of ${permits} permits); up to ${longestLine} waited in line`,
				`${acquired} of ${count} went in, in ${elapsed.toFixed(2)} s (Python: 1.84 s fork, 2.03 s spawn)`,
			],
		};
	},
};
