import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {Scenario} from '../scenarios/scenario.js';
import {runDashboard} from './run-dashboard.js';

/**
 * Opens the dashboard over a program's own orchestrator (`showDashboard`): what it runs shows as
 * it happens, and the keys steer it. q stops every process of the orchestrator (SIGTERM, the grace
 * period, SIGKILL), as in `procdash run`, then gives the terminal back.
 */
export function runProgramDashboard(orchestrator: Orchestrator, program: string): Promise<number> {
	return runDashboard({
		orchestrator,
		scenario: programScenario(program),
		// The program judges its own run; the dashboard only shows it.
		failed: () => false,
	});
}

// The program is no preset: it plays nothing and ends when the dashboard does.
function programScenario(program: string): Scenario {
	return {
		name: program,
		description: `${program} (pid ${process.pid})`,
		about: `${program}: its own processes, pools, shared values and locks, live. q stops them all and returns to the program.`,
		endless: true,
		run: (_orchestrator, signal) =>
			new Promise((resolve) => {
				const done = () => resolve({ok: true, notes: []});
				if (signal.aborted) done();
				else signal.addEventListener('abort', done, {once: true});
			}),
	};
}
