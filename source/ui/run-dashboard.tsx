import {render} from 'ink';
import type {Orchestrator} from '../core/orchestrator.js';
import type {Snapshot} from '../core/snapshot.js';
import {SnapshotStore} from '../core/store.js';
import {runScenario} from '../scenarios/run.js';
import type {Scenario} from '../scenarios/scenario.js';
import {App} from './App.js';
import {orchestratorController} from './controller.js';

/** What the dashboard needs to open. */
export type DashboardOptions = {
	readonly orchestrator: Orchestrator;
	/** The preset (or the commands, or the scenario file) to play as soon as the dashboard is up. */
	readonly scenario: Scenario;
	/**
	 * Whether the run failed, judged from the final snapshot: `procdash run` fails when a command
	 * did. A process that survived the stop always fails the run.
	 */
	readonly failed?: (snapshot: Snapshot) => boolean;
};

/**
 * Opens the dashboard in this terminal, plays the scenario, and resolves with the exit code once
 * the person quits (or a signal ends it) and every process has been stopped.
 */
export async function runDashboard({
	orchestrator,
	scenario,
	failed = () => false,
}: DashboardOptions): Promise<number> {
	const store = new SnapshotStore(orchestrator.bus);
	orchestrator.startSampling(1000);
	const abort = new AbortController();
	const instance = render(
		<App bus={orchestrator.bus} store={store} controller={orchestratorController(orchestrator)} />,
		{exitOnCtrlC: false},
	);
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
	const snapshot = store.getSnapshot();
	store.close();
	return survivors.length === 0 && !failed(snapshot) ? 0 : 1;
}
