import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import type {Scenario} from './scenario.js';

const runMs = 10_000;
const timeoutMs = 5000;

/** join() with a timeout returns with the child still alive; terminate() then ends it with −15. */
export const joinTimeout: Scenario = {
	name: 'join-timeout',
	description:
		'a 10 s process joined with a 5 s timeout: still alive after it, then terminated (−15)',
	about:
		'The child would sleep 10 s. The parent joins it with a 5 s timeout: join returns, the child is still running (exit code empty). Then the parent terminates it: SIGTERM, exit code −15.',
	async run(orchestrator, signal) {
		const sleep = task(new URL('./tasks/sleep.js', import.meta.url), 'sleepAndReport');
		const child = new Process({target: sleep, args: [runMs], name: 'sleeper', orchestrator});
		await child.start();
		const joinStarted = performance.now();
		await Promise.race([child.join(timeoutMs), aborted(signal)]);
		const waited = performance.now() - joinStarted;
		const aliveAfterJoin = child.isAlive();
		child.terminate();
		await child.join();
		return {
			ok: aliveAfterJoin && child.exitcode === -15,
			notes: [
				`join(${timeoutMs}) returned after ${(waited / 1000).toFixed(2)} s with the child ${aliveAfterJoin ? 'still alive' : 'already gone'}; terminate() gave exit code ${child.exitcode}`,
			],
		};
	},
};

function aborted(signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) resolve();
		signal.addEventListener('abort', () => resolve(), {once: true});
	});
}
