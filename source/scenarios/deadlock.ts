import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import {Lock} from '../core/shared/lock.js';
import {Value} from '../core/shared/value.js';
import type {Scenario} from './scenario.js';

// How long the deadlock stays on screen before the preset breaks it.
const showMs = 4000;
const detectTimeoutMs = 15_000;

/** Two processes take two locks in opposite order; procdash sees the cycle; a kill breaks it. */
export const deadlock: Scenario = {
	name: 'deadlock',
	description:
		'two processes take two locks in opposite order: the cycle is shown, then a kill breaks it',
	about:
		'alice takes lock A then reaches for B; bob takes B then reaches for A. Neither can go on: the Sync panel marks the cycle. After a few seconds the preset kills bob: his lock B is abandoned and released, alice takes it, learns it was abandoned, and finishes.',
	async run(orchestrator, signal) {
		const a = new Lock({name: 'A', orchestrator});
		const b = new Lock({name: 'B', orchestrator});
		const ready = new Value('i', 0, {name: 'holding-first', orchestrator});
		const takeBoth = task(new URL('./tasks/shared.js', import.meta.url), 'takeBoth');
		const detected = orchestrator.bus.next('lock:deadlock', detectTimeoutMs);
		const abandoned = orchestrator.bus.next('lock:abandoned', detectTimeoutMs + showMs + 5000);
		const alice = new Process({
			target: takeBoth,
			args: [a, b, ready, 2],
			name: 'alice',
			orchestrator,
		});
		const bob = new Process({target: takeBoth, args: [b, a, ready, 2], name: 'bob', orchestrator});
		await alice.start();
		await bob.start();
		const cycle = await detected;
		if (cycle && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, showMs));
		bob.kill();
		const released = await abandoned;
		await alice.join(5000);
		return {
			ok: cycle !== undefined && released?.holder.name === 'bob' && alice.exitcode === 0,
			notes: [
				cycle
					? `deadlock found: ${cycle.cycle.map((link) => `${link.process} waits for ${link.waitsFor} held by ${link.heldBy}`).join('; ')}`
					: 'no deadlock was reported',
				`bob killed (exit code ${bob.exitcode}); ${released ? `lock ${released.name} abandoned by ${released.holder.name}` : 'no lock abandoned'}; alice exit code ${alice.exitcode}`,
			],
		};
	},
};
