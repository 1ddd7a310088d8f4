import {toErrorInfo} from '../core/errors.js';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {PlayOptions, Scenario, ScenarioOutcome} from './scenario.js';

/**
 * Plays `scenario` on `orchestrator`, announcing its start and its outcome on the bus. A scenario
 * that throws ends as not passed, with the error as its note, never as an unhandled rejection.
 */
export async function runScenario(
	orchestrator: Orchestrator,
	scenario: Scenario,
	signal: AbortSignal = new AbortController().signal,
	options: PlayOptions = {bounded: false},
): Promise<ScenarioOutcome> {
	const {name, description, about} = scenario;
	orchestrator.bus.emit('scenario:started', {name, description, about});
	let started = performance.now();
	let outcome: ScenarioOutcome;
	try {
		// PROCDASH_WARM=off boots the lesson's processes inside its clock instead: the bench's
		// measure of what the warm-up costs the person's whole wait.
		if (scenario.warm && process.env.PROCDASH_WARM !== 'off') {
			// After the turn that started it: the dashboard draws its first frame before the boots.
			await new Promise((resolve) => setImmediate(resolve));
			const {processes, modules, sharedState} = scenario.warm;
			await orchestrator.warm(processes, modules, {sharedState});
			started = performance.now();
		}
		outcome = await scenario.run(orchestrator, signal, options);
	} catch (error) {
		const {name: errorName, message} = toErrorInfo(error);
		outcome = {
			ok: false,
			notes: [signal.aborted ? 'stopped before the end' : `${errorName}: ${message}`],
		};
	}
	// Stopped from outside (q, a signal), a scenario did not run to its end, whatever it found;
	// unless it runs until stopped, when that is its end.
	// q stops the orchestrator before the dashboard aborts the scenario: either is a stop.
	const stopped = signal.aborted || orchestrator.stopping;
	const stoppedNote = 'stopped before the end';
	if (stopped && !scenario.endless && outcome.notes[0] !== stoppedNote) {
		outcome = {ok: false, notes: [stoppedNote, ...outcome.notes]};
	}
	orchestrator.bus.emit('scenario:finished', {
		name,
		ok: outcome.ok,
		notes: outcome.notes,
		elapsedMs: Math.round(performance.now() - started),
	});
	return outcome;
}
