import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {Pool} from '../core/pool/pool.js';
import {KeepAlive} from '../core/util/keep-alive.js';

/**
 * Resolves once all of `pool`'s workers are ready (or `signal` aborts), so that a preset times
 * the work and not the start of Node processes, as Python's fork-started pool would.
 */
export function poolReady(
	orchestrator: Orchestrator,
	pool: Pool,
	signal: AbortSignal,
): Promise<void> {
	return new Promise((resolve) => {
		const ready = new Set<number>();
		// Daemonic workers never keep a program alive, and a bus listener does not either; without
		// this a headless run would end here, with nothing left to wait for.
		const keepAlive = new KeepAlive();
		keepAlive.set(true);
		const done = () => {
			keepAlive.set(false);
			unsubscribe();
			signal.removeEventListener('abort', done);
			resolve();
		};
		const unsubscribe = orchestrator.bus.subscribe((event) => {
			if (event.type === 'pool:worker-ready' && event.poolId === pool.id)
				ready.add(event.processId);
			if (
				ready.size >= pool.processes ||
				(event.type === 'pool:closed' && event.poolId === pool.id)
			)
				done();
		});
		for (const event of orchestrator.bus.history()) {
			if (event.type === 'pool:worker-ready' && event.poolId === pool.id)
				ready.add(event.processId);
		}
		if (ready.size >= pool.processes || signal.aborted) done();
		else signal.addEventListener('abort', done, {once: true});
	});
}

/** When `tasks` of these durations end if each goes to whichever of `workers` is free first. */
export function scheduleBound(durations: readonly number[], workers: number): number {
	const free = new Array<number>(workers).fill(0);
	for (const duration of durations) {
		const soonest = free.indexOf(Math.min(...free));
		free[soonest] = (free[soonest] ?? 0) + duration;
	}
	return Math.max(...free);
}
