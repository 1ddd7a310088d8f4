import {constants} from 'node:os';
import {render} from 'ink';
import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {Snapshot} from '../core/snapshot/index.js';
import {SnapshotStore} from '../core/snapshot/index.js';
import {runScenario} from '../scenarios/run.js';
import type {Scenario} from '../scenarios/scenario.js';
import {App} from './App.js';
import {orchestratorController} from './controller.js';
import {keepingScrollback} from './terminal/alternate-screen.js';
import {type Ending, onAlternateScreen} from './terminal/screen-session.js';

/** The presets `s` offers, and how to get a fresh orchestrator for each. */
export type PresetSwitching = {
	readonly scenarios: readonly Scenario[];
	/** A new orchestrator for the next preset: each preset starts from a clean slate. */
	readonly newOrchestrator: () => Orchestrator;
	/** Told of each new orchestrator, once the previous one has stopped (to record it, say). */
	readonly onSwitch?: (orchestrator: Orchestrator) => void;
};

/** What the dashboard needs to open. */
export type DashboardOptions = {
	readonly orchestrator: Orchestrator;
	/** The preset (or the commands, or the scenario file) to play as soon as the dashboard is up. */
	readonly scenario: Scenario;
	/**
	 * Whether the run failed, judged from the final snapshot: `procdash run` fails when a command
	 * did; a preset, unless it passed (quit before its end, or a check of its own failed). A process
	 * that survived the stop always fails the run.
	 */
	readonly failed?: (snapshot: Snapshot) => boolean;
	/** Set when the dashboard plays presets: `s` then switches between them. */
	readonly presets?: PresetSwitching;
};

type Session = {
	readonly orchestrator: Orchestrator;
	readonly store: SnapshotStore;
	readonly abort: AbortController;
	readonly generation: number;
	/** Settles once the scenario has ended and said whether it passed. */
	readonly played: Promise<unknown>;
};

// How long a scenario may take to conclude once everything is stopped, before it is judged.
const verdictTimeoutMs = 5000;

/**
 * Opens the dashboard in this terminal (on its alternate screen), plays the scenario, and
 * resolves with the exit code once the person quits (or a signal ends it) and every process has
 * been stopped. The terminal then shows again what it showed before, and under it the final
 * report: how the stop went and how each process ended.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
	return onAlternateScreen(() => showDashboard(options));
}

async function showDashboard({
	orchestrator,
	scenario,
	failed = (snapshot) => snapshot.scenario?.state !== 'passed',
	presets,
}: DashboardOptions): Promise<Ending> {
	// A signal ends the dashboard the same way q does: stop everything, then leave. Listened for
	// before anything starts, so that no signal finds procdash without its handler (the handler
	// itself runs once the dashboard below is up: nothing here yields until then).
	let stoppedBy: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		stoppedBy ??= signal;
		session.abort.abort();
		void session.orchestrator.stop().then(() => instance.unmount());
	};
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	for (const signal of signals) process.on(signal, onSignal);
	let session = open(orchestrator, scenario, 0);
	let survivors: readonly number[] = [];
	const view = () => (
		// A new key per preset: the dashboard starts afresh (selection, event pane) with it.
		<App
			key={session.generation}
			bus={session.orchestrator.bus}
			store={session.store}
			controller={orchestratorController(
				session.orchestrator,
				presets && {choices: presets.scenarios, play},
			)}
		/>
	);
	const instance = render(view(), {exitOnCtrlC: false, stdout: keepingScrollback()});

	// Switching stops the playing preset the way q does, then starts the chosen one.
	let switching = false;
	let closed = false;
	function play(name: string): void {
		const next = presets?.scenarios.find((candidate) => candidate.name === name);
		if (!presets || !next || switching || closed) return;
		switching = true;
		const previous = session;
		previous.abort.abort();
		void previous.orchestrator.stop().then((outcome) => {
			survivors = [...survivors, ...outcome.survivors];
			previous.store.close();
			// The person quit while the previous preset was stopping: start nothing more.
			if (closed) return;
			const orchestrator = presets.newOrchestrator();
			presets.onSwitch?.(orchestrator);
			session = open(orchestrator, next, previous.generation + 1);
			switching = false;
			instance.rerender(view());
		});
	}

	try {
		await instance.waitUntilExit();
	} finally {
		closed = true;
		session.abort.abort();
		for (const signal of signals) process.off(signal, onSignal);
	}
	const outcome = await session.orchestrator.stop();
	survivors = [...survivors, ...outcome.survivors];
	// Judged once the scenario has said how it ended, not while it is still concluding.
	await settledWithin(session.played, verdictTimeoutMs);
	const snapshot = session.store.getSnapshot();
	session.store.close();
	// As --json: 128 + the signal's number when a signal ended the run, else 1 when it failed.
	const code = stoppedBy
		? 128 + (constants.signals[stoppedBy] ?? 0)
		: survivors.length === 0 && !failed(snapshot)
			? 0
			: 1;
	return {code, snapshot, now: session.orchestrator.bus.elapsed()};
}

function open(orchestrator: Orchestrator, scenario: Scenario, generation: number): Session {
	const store = new SnapshotStore(orchestrator.bus);
	const abort = new AbortController();
	orchestrator.startSampling(1000);
	const played = runScenario(orchestrator, scenario, abort.signal);
	return {orchestrator, store, abort, generation, played};
}

function settledWithin(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, timeoutMs);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		promise.then(done, done);
	});
}
