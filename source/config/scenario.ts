import path from 'node:path';
import type {Snapshot} from '../core/snapshot/index.js';
import {startProcessLogs} from '../logs/process-logs.js';
import type {Scenario} from '../scenarios/scenario.js';
import {type SupervisedOutcome, Supervisor} from './supervisor.js';
import type {ScenarioConfig} from './types.js';

/**
 * A scenario file as a scenario the dashboard and `--json` play like a preset: every process
 * supervised at once, each starting when its dependencies are met. It passes when every process
 * ran and its last run exited with one of its success codes (0 unless `success_exit_codes`).
 */
export function configScenario(config: ScenarioConfig): Scenario {
	const names = config.processes.map((spec) => spec.name).join(', ');
	return {
		name: path.basename(config.file),
		description: config.description ?? `the processes of ${config.file}`,
		about:
			config.description ??
			`The processes of ${config.file}: ${names}. Each starts once what it depends on has started or completed; restart policies start a process again, as a new row with the same name.`,
		async run(orchestrator, signal) {
			// Whoever stops the orchestrator (q in the dashboard, a signal) also ends the supervision:
			// a process ended by the stop is not restarted.
			const stop = new AbortController();
			const onAbort = () => stop.abort();
			signal.addEventListener('abort', onAbort, {once: true});
			const unsubscribe = orchestrator.bus.subscribe((event) => {
				if (event.type === 'orchestrator:stopping') stop.abort();
			});
			const logs = new Map(
				config.processes.flatMap((spec) => (spec.log ? [[spec.name, spec.log] as const] : [])),
			);
			const stopLogs = startProcessLogs(orchestrator.bus, (name) => logs.get(name));
			const supervisors = new Map(
				config.processes.map((spec) => [spec.name, new Supervisor(spec, orchestrator)]),
			);
			try {
				let halt: string | undefined;
				const outcomes = await Promise.all(
					[...supervisors.values()].map(async (supervisor) => {
						const outcome = await supervisor.run(supervisors, stop.signal);
						// exit_on_failure (its failure for good) and exit_on_end (its end, however) stop every
						// other process, restarts and all.
						const failed = !outcome.ok && supervisor.exitOnFailure;
						if ((failed || supervisor.exitOnEnd) && !stop.signal.aborted) {
							halt = failed
								? `${outcome.name} failed and has exit_on_failure: every other process was stopped`
								: `${outcome.name} ended and has exit_on_end: every other process was stopped`;
							stop.abort();
							await Promise.all([...supervisors.values()].map((other) => other.halt()));
						}
						return outcome;
					}),
				);
				// One stopped by another's exit_on_end or exit_on_failure did not fail by itself.
				const succeeded = outcomes.filter((outcome) => outcome.ok).length;
				const stopped = outcomes.filter((outcome) => !outcome.ok && outcome.halted).length;
				return {
					ok: succeeded + stopped === outcomes.length,
					notes: [
						`${succeeded} of ${outcomes.length} processes ended with a successful exit code${stopped > 0 ? `, ${stopped} stopped` : ''}`,
						...(halt ? [halt] : []),
						...outcomes.map(describeOutcome),
					],
				};
			} finally {
				await stopLogs();
				unsubscribe();
				signal.removeEventListener('abort', onAbort);
			}
		},
	};
}

function describeOutcome({name, last, restarts, blockedBy, halted}: SupervisedOutcome): string {
	if (blockedBy !== undefined) return `${name}: not started: ${blockedBy}`;
	if (halted) return `${name}: stopped (exit code ${last.exitcode ?? 'none'})`;
	const after = restarts === 0 ? '' : ` after ${restarts} restart${restarts === 1 ? '' : 's'}`;
	// A command that could not start says why (not found, not executable), not just 127 or 126.
	const why = last.error?.name === 'SpawnError' ? ` (${last.error.message})` : '';
	return `${name}: exit code ${last.exitcode ?? 'none'}${after}${why}`;
}

/**
 * Whether a run of `config` failed, from its final snapshot: a process exited by itself with a
 * code that is not one of its successes. One ended by procdash's own stop (a negative code) did
 * not fail, so that quitting a process manager is no failure.
 */
export function configRunFailed(config: ScenarioConfig): (snapshot: Snapshot) => boolean {
	const successes = new Map(config.processes.map((spec) => [spec.name, spec.successExitCodes]));
	return (snapshot) =>
		snapshot.processes.some(
			(row) =>
				row.state === 'failed' &&
				// What a program reported of its own children is the program's business.
				row.program === undefined &&
				!(successes.get(row.name) ?? [0]).includes(row.exitcode as number),
		);
}
