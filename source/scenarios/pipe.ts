import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Pipe} from '../core/shared/sync/pipe.js';
import type {Scenario} from './scenario.js';
import type {PingResult} from './tasks/sync.js';

const playMs = 3000;

/** Two processes play ping-pong over a Pipe: round trips per second beside Python's. */
export const pipe: Scenario = {
	name: 'pipe',
	description: 'two processes play ping-pong over a Pipe for 3 s: round trips per second',
	about:
		"ping sends a number over its end of `table` and waits for it back plus one; pong answers each. Watch the Queues panel: the pipe is the pair ping ⇄ pong, a message in flight one way or the other, its messages per second; each row says who waits to receive. After 3 s ping sends the sentinel and both end. Python's Pipe does 19–27 k round trips/s on this machine.",
	async run(orchestrator) {
		const [pingEnd, pongEnd] = Pipe({name: 'table', orchestrator});
		const module = new URL('./tasks/sync.js', import.meta.url);
		const pinger = new Process({
			target: task(module, 'ping'),
			args: [pingEnd, playMs],
			name: 'ping',
			orchestrator,
		});
		const ponger = new Process({
			target: task(module, 'pong'),
			args: [pongEnd],
			name: 'pong',
			orchestrator,
		});
		await ponger.start();
		await pinger.start();
		await Promise.all([pinger.join(), ponger.join()]);
		const played = pinger.result as PingResult | undefined;
		const answered = ponger.result as number | undefined;
		const rate = played ? played.rounds / (played.ms / 1000) : 0;
		return {
			ok:
				played !== undefined &&
				played.rounds > 0 &&
				played.wrong === 0 &&
				answered === played.rounds &&
				pinger.exitcode === 0 &&
				ponger.exitcode === 0,
			notes: [
				played
					? `${played.rounds} round trips in ${(played.ms / 1000).toFixed(2)} s: ${(rate / 1000).toFixed(1)} k round trips/s (Python's Pipe: 19–27 k/s)`
					: 'ping returned nothing',
				`pong answered ${answered ?? 0}; wrong answers: ${played?.wrong ?? 'unknown'}`,
			],
		};
	},
};
