import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {JoinableQueue} from '../core/shared/sync/queue.js';
import type {Scenario} from './scenario.js';
import {watchObject} from './watch.js';

const producers = 2;
const consumers = 3;
const jobsEach = 10;
const maxsize = 5;
const workMs = 150;

/** Two producers fill a bounded JoinableQueue; three consumers drain it; sentinels end them. */
const module = new URL('./tasks/sync.js', import.meta.url);

export const producerConsumer: Scenario = {
	name: 'producer-consumer',
	description:
		'2 producers, 3 consumers, a JoinableQueue of maxsize 5: it fills, the producers block, the consumers drain it',
	about:
		'Two producers put 10 jobs each into `jobs` (maxsize 5) as fast as it takes them; three consumers get a job, work 0.15 s, and mark it done. Watch the Queues panel: `jobs` fills to 5/5 and the producers wait to put (their rows say so) until the consumers make room. Then the parent puts one sentinel per consumer, and join() returns once every job is marked done: about 1 s.',
	// The consumers and the first producer are ready at once; the second producer boots while the
	// first one's ten jobs keep the consumers busy (half a second).
	warm: {processes: consumers + 1, modules: [module]},
	async run(orchestrator) {
		const started = performance.now();
		const jobs = new JoinableQueue({maxsize, name: 'jobs', orchestrator});
		const watch = watchObject(orchestrator.bus, jobs.id, ['queue:waiting', 'queue:put']);
		const making = Array.from(
			{length: producers},
			(_, index) =>
				new Process({
					target: task(module, 'produceJobs'),
					args: [jobs, index * jobsEach, jobsEach],
					name: `producer-${index + 1}`,
					orchestrator,
				}),
		);
		const taking = Array.from(
			{length: consumers},
			(_, index) =>
				new Process({
					target: task(module, 'consumeJobs'),
					args: [jobs, workMs],
					name: `consumer-${index + 1}`,
					orchestrator,
				}),
		);
		for (const child of [...taking, ...making]) await child.start();
		await Promise.all(making.map((child) => child.join()));
		// One sentinel per consumer: each stops at the first it gets.
		for (const _ of taking) await jobs.put(null);
		await jobs.join();
		const joinedAt = performance.now();
		await Promise.all(taking.map((child) => child.join()));
		const seen = watch.stop();
		const deepest = Math.max(0, ...seen.map((event) => event.state.depth));
		const blocked = seen.filter(
			(event) => event.type === 'queue:waiting' && 'side' in event && event.side === 'put',
		).length;
		const done = taking.map((child) => (child.result as number | undefined) ?? 0);
		const total = done.reduce((sum, count) => sum + count, 0);
		const expected = producers * jobsEach;
		const exited = [...making, ...taking].every((child) => child.exitcode === 0);
		return {
			ok: total === expected && deepest === maxsize && blocked > 0 && exited,
			notes: [
				`${total} of ${expected} jobs done (${done.join(' + ')}); join() returned after ${((joinedAt - started) / 1000).toFixed(2)} s (Python: 1.14 s fork, 1.35 s spawn)`,
				`the queue filled to ${deepest} of ${maxsize}; producers had to wait to put ${blocked} time${blocked === 1 ? '' : 's'}`,
			],
		};
	},
};
