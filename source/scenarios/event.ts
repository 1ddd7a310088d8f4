import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Event} from '../core/shared/sync/event.js';
import type {Scenario} from './scenario.js';

const runners = 4;
const holdMs = 1500;
const lineUpTimeoutMs = 15_000;

/** A start gun: four processes wait on an Event, the parent sets it, all go at once. */
const module = new URL('./tasks/sync.js', import.meta.url);

export const event: Scenario = {
	name: 'event',
	description: 'a start gun: 4 processes wait on an Event, the parent sets it, all go at once',
	about:
		'Four runners wait on the Event `start-gun`. Watch the Sync panel: `event clear` with four waiters, and each row waiting on start-gun. Once all four are in line the parent holds 1.5 s, then sets the event: all four go at once.',
	warm: {processes: runners, modules: [module]},
	async run(orchestrator, signal) {
		const gun = new Event({name: 'start-gun', orchestrator});
		const lined = orchestrator.bus.next(
			'sync:waiting',
			lineUpTimeoutMs,
			(waiting) => waiting.id === gun.id && waiting.state.waiters.length === runners,
		);
		const field = Array.from(
			{length: runners},
			(_, index) =>
				new Process({
					target: task(module, 'awaitStartGun'),
					args: [gun],
					name: `runner-${index + 1}`,
					orchestrator,
				}),
		);
		for (const child of field) await child.start();
		const allWaiting = (await lined) !== undefined;
		if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, holdMs));
		const firedAt = Date.now();
		const fired = performance.now();
		await gun.set();
		await Promise.all(field.map((child) => child.join()));
		const allGoneMs = Math.round(performance.now() - fired);
		const goes = field.map((child) => child.result as number | undefined);
		const went = goes.filter((at): at is number => at !== undefined);
		const spread = went.length > 0 ? Math.max(...went) - Math.min(...went) : 0;
		return {
			ok:
				allWaiting &&
				went.length === runners &&
				// Nobody jumped the gun.
				went.every((at) => at >= firedAt) &&
				field.every((child) => child.exitcode === 0),
			notes: [
				allWaiting
					? `all ${runners} waited on start-gun before it was set`
					: `not all ${runners} were seen waiting`,
				`${went.length} went after the gun, within ${spread} ms of each other; all had exited ${allGoneMs} ms after it (Python: 7 ms fork, 36 ms spawn)`,
			],
		};
	},
};
