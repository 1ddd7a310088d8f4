import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Barrier} from '../core/shared/sync/barrier.js';
import type {Scenario} from './scenario.js';
import type {Meeting} from './tasks/sync.js';

const delaysMs = [300, 900, 1500, 2100];

/** Four processes reach a Barrier at different times and leave it together. */
const module = new URL('./tasks/sync.js', import.meta.url);

export const barrier: Scenario = {
	name: 'barrier',
	description: '4 processes reach a Barrier at different times and leave together',
	about:
		'Each process works a different time (0.3, 0.9, 1.5 and 2.1 s), then waits at `meet`. Watch the Sync panel count them in (1 of 4 waiting, 2 of 4 …) and the rows say they wait on `meet`; when the fourth arrives all four leave at once, each with its own index.',
	// The two longest workers start first, on runtimes ready at once; the other two boot while
	// those work, and still arrive long before them.
	warm: {processes: 2, modules: [module]},
	async run(orchestrator) {
		const started = performance.now();
		const meet = new Barrier(delaysMs.length, {name: 'meet', orchestrator});
		const parties = delaysMs.map(
			(ms, index) =>
				new Process({
					target: task(module, 'meetAt'),
					args: [meet, ms],
					name: `party-${index + 1}`,
					orchestrator,
				}),
		);
		for (const child of [...parties].reverse()) await child.start();
		await Promise.all(parties.map((child) => child.join()));
		const elapsed = (performance.now() - started) / 1000;
		const meetings = parties.map((child) => child.result as Meeting | undefined);
		const met = meetings.filter((meeting): meeting is Meeting => meeting !== undefined);
		const lastArrival = Math.max(...met.map((meeting) => meeting.arrivedAt));
		const firstArrival = Math.min(...met.map((meeting) => meeting.arrivedAt));
		const leaving = met.map((meeting) => meeting.leftAt);
		const indices = new Set(met.map((meeting) => meeting.index));
		// Nobody left before the last one came: that is what a barrier is for.
		const together = met.every((meeting) => meeting.leftAt >= lastArrival);
		return {
			ok:
				met.length === parties.length &&
				together &&
				indices.size === parties.length &&
				parties.every((child) => child.exitcode === 0),
			notes: [
				`arrivals spread over ${lastArrival - firstArrival} ms; all left within ${Math.max(...leaving) - Math.min(...leaving)} ms of each other, none before the last arrived`,
				`indices ${met.map((meeting) => meeting.index).join(', ')} (each distinct); ${elapsed.toFixed(2)} s in all (Python: 2.16 s fork, 2.32 s spawn)`,
			],
		};
	},
};
