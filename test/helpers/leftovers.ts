import pidtree from 'pidtree';

import {isRunning} from './processes.js';

/**
 * Waits (with a deadline) until this test process has no descendant left running, apart from
 * `ignore` (an orchestrator's watchdog) and zombies: this machine's init does not reap orphans.
 */
export async function expectNoDescendants(
	ignore: readonly (number | undefined)[] = [],
	timeoutMs = 5000,
): Promise<void> {
	const left = async () =>
		(await pidtree(process.pid)).filter((pid) => !ignore.includes(pid) && isRunning(pid));
	const deadline = performance.now() + timeoutMs;
	let running = await left();
	while (running.length > 0 && performance.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		running = await left();
	}
	if (running.length > 0) throw new Error(`still running after the test: ${running.join(', ')}`);
}
