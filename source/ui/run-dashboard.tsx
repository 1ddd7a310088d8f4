import {render} from 'ink';
import type {Orchestrator} from '../core/orchestrator.js';
import {SnapshotStore} from '../core/store.js';
import {runScenario} from '../scenarios/run.js';
import type {Scenario} from '../scenarios/scenario.js';
import {App} from './App.js';

/** What the dashboard needs to open. */
export type DashboardOptions = {
	readonly orchestrator: Orchestrator;
	/** The preset to play as soon as the dashboard is up. */
	readonly scenario: Scenario;
};

/**
 * Opens the dashboard in this terminal, plays the preset, and resolves with the exit code once
 * the person quits (or a signal ends it) and every process has been stopped.
 */
export async function runDashboard({orchestrator, scenario}: DashboardOptions): Promise<number> {
	const store = new SnapshotStore(orchestrator.bus);
	orchestrator.startSampling(1000);
	const abort = new AbortController();
	const instance = render(<App orchestrator={orchestrator} store={store} />, {exitOnCtrlC: false});
	void runScenario(orchestrator, scenario, abort.signal);

	// A signal ends the dashboard the same way q does: stop everything, then leave.
	const onSignal = () => {
		abort.abort();
		void orchestrator.stop().then(() => instance.unmount());
	};
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	for (const signal of signals) process.on(signal, onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		abort.abort();
		for (const signal of signals) process.off(signal, onSignal);
	}
	const {survivors} = await orchestrator.stop();
	store.close();
	return survivors.length === 0 ? 0 : 1;
}
