import type {Orchestrator} from '../core/orchestrator/orchestrator.js';
import {SnapshotStore} from '../core/snapshot/index.js';
import {runScenario} from '../scenarios/run.js';
import type {Scenario} from '../scenarios/scenario.js';
import {type LineSink, writeEvents} from './ndjson-writer.js';
import {writeSummary} from './summary.js';

/** What a headless run needs. */
export type HeadlessOptions = {
	readonly orchestrator: Orchestrator;
	readonly scenario: Scenario;
	/** Where the NDJSON lines go: stdout for `--json`. */
	readonly sink: LineSink;
	/**
	 * How often the stats sampler runs. Faster than the dashboard's 1 s, so that a command's
	 * short-lived children are seen in the events.
	 */
	readonly sampleIntervalMs?: number;
	/** Ends the run early as SIGINT would (tests; a closed stdout). */
	readonly signal?: AbortSignal;
};

/**
 * Plays `scenario` with no terminal: every event of the bus goes to `sink` as a JSON line, then
 * one summary line. SIGINT and SIGTERM stop every process (gracefully: SIGTERM, the grace period,
 * SIGKILL; a second signal sends SIGKILL at once) and still end with the summary. Resolves with
 * the exit code: 0 when the scenario met its expectations, 1 when not, 128+N when signal N
 * stopped it.
 */
export async function runHeadless({
	orchestrator,
	scenario,
	sink,
	sampleIntervalMs = 200,
	signal,
}: HeadlessOptions): Promise<number> {
	const store = new SnapshotStore(orchestrator.bus);
	const stopWriting = writeEvents(orchestrator.bus, sink);
	const abort = new AbortController();
	let stoppedBy: NodeJS.Signals | undefined;
	const stop = (by: NodeJS.Signals | undefined) => {
		if (abort.signal.aborted) {
			// A second Ctrl-C does not wait out the grace period, as q twice in the dashboard.
			if (by) orchestrator.signalAll('SIGKILL');
			return;
		}
		stoppedBy = by;
		abort.abort();
		void orchestrator.stop();
	};
	const onSignal = (received: NodeJS.Signals) => stop(received);
	const onAbort = () => stop(undefined);
	signal?.addEventListener('abort', onAbort, {once: true});
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	orchestrator.startSampling(sampleIntervalMs);
	try {
		// Nobody can press q here: a preset that loops until stopped plays one round.
		await runScenario(orchestrator, scenario, abort.signal, {bounded: true});
		await orchestrator.stop();
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		signal?.removeEventListener('abort', onAbort);
		stopWriting();
	}
	return writeSummary(store, sink, stoppedBy);
}
