import path from 'node:path';
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
			const supervisors = new Map(
				config.processes.map((spec) => [spec.name, new Supervisor(spec, orchestrator)]),
			);
			try {
				let haltedBy: string | undefined;
				const outcomes = await Promise.all(
					[...supervisors.values()].map(async (supervisor) => {
						const outcome = await supervisor.run(supervisors, stop.signal);
						// exit_on_failure: its failure for good stops every other process, restarts and all.
						if (!outcome.ok && supervisor.exitOnFailure && !stop.signal.aborted) {
							haltedBy = outcome.name;
							stop.abort();
							await Promise.all([...supervisors.values()].map((other) => other.halt()));
						}
						return outcome;
					}),
				);
				const passing = outcomes.filter((outcome) => outcome.ok).length;
				const halted =
					haltedBy === undefined
						? []
						: [`${haltedBy} failed and has exit_on_failure: every other process was stopped`];
				return {
					ok: passing === outcomes.length,
					notes: [
						`${passing} of ${outcomes.length} processes ended with a successful exit code`,
						...halted,
						...outcomes.map(describeOutcome),
					],
				};
			} finally {
				unsubscribe();
				signal.removeEventListener('abort', onAbort);
			}
		},
	};
}

function describeOutcome({name, last, restarts, blockedBy}: SupervisedOutcome): string {
	if (blockedBy !== undefined) return `${name}: not started: ${blockedBy}`;
	const after = restarts === 0 ? '' : ` after ${restarts} restart${restarts === 1 ? '' : 's'}`;
	// A command that could not start says why (not found, not executable), not just 127 or 126.
	const why = last.error?.name === 'SpawnError' ? ` (${last.error.message})` : '';
	return `${name}: exit code ${last.exitcode ?? 'none'}${after}${why}`;
}
