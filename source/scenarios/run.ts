import {toErrorInfo} from '../core/errors.js';
import type {Orchestrator} from '../core/orchestrator.js';
import type {Scenario, ScenarioOutcome} from './scenario.js';

/**
 * Plays `scenario` on `orchestrator`, announcing its start and its outcome on the bus. A scenario
 * that throws ends as not passed, with the error as its note, never as an unhandled rejection.
 */
export async function runScenario(
	orchestrator: Orchestrator,
	scenario: Scenario,
	signal: AbortSignal = new AbortController().signal,
): Promise<ScenarioOutcome> {
	const {name, description, about} = scenario;
	orchestrator.bus.emit('scenario:started', {name, description, about});
	const started = performance.now();
	let outcome: ScenarioOutcome;
	try {
		outcome = await scenario.run(orchestrator, signal);
	} catch (error) {
		const {name: errorName, message} = toErrorInfo(error);
		outcome = {
			ok: false,
			notes: [signal.aborted ? 'stopped before the end' : `${errorName}: ${message}`],
		};
	}
	// Stopped from outside (q, a signal), a scenario did not run to its end, whatever it found.
	if (signal.aborted && outcome.ok) {
		outcome = {ok: false, notes: ['stopped before the end', ...outcome.notes]};
	}
	orchestrator.bus.emit('scenario:finished', {
		name,
		ok: outcome.ok,
		notes: outcome.notes,
		elapsedMs: Math.round(performance.now() - started),
	});
	return outcome;
}
