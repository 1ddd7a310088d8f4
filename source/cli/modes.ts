import path from 'node:path';
import {createOrchestrator, type Orchestrator} from '../core/orchestrator/orchestrator.js';
import type {Snapshot} from '../core/snapshot/index.js';
import {SnapshotStore} from '../core/snapshot/index.js';
import type {LineSink} from '../headless/ndjson-writer.js';
import {writeEvents} from '../headless/ndjson-writer.js';
import {runHeadless} from '../headless/run-headless.js';
import {writeSummary} from '../headless/summary.js';
import {type LogTarget, startProcessLogs} from '../logs/process-logs.js';
import {Replay} from '../recording/player.js';
import {readRecording} from '../recording/read-recording.js';
import {startRecording} from '../recording/recorder.js';
import type {Scenario} from '../scenarios/scenario.js';
import {importInk, loadDashboard} from '../ui/load.js';
import {type RunOptions, UsageError} from './args.js';
import {frugalJit} from './frugal-jit.js';
import {openReportChannel} from './report-socket.js';

const dashboardSpares = 2;

/**
 * Plays a scenario on a new orchestrator: in the dashboard, or headless with `--json`; recorded
 * to a file with `--record`. Resolves with the exit code.
 */
export async function playLive(
	scenario: Scenario,
	options: RunOptions,
	{failed, presets}: LiveOptions = {},
): Promise<number> {
	if (!options.json) requireTerminal();
	// The dashboard keeps two task runtimes booted, so that a task started from it (a preset, r)
	// runs at once; a headless run starts only what it is asked for. The children's output is
	// captured, never printed: it would land over the dashboard or inside the NDJSON stream.
	// The dashboard is loaded before anything starts: a signal meanwhile ends procdash with nothing
	// yet to stop, and the spares boot after the import instead of competing with it for the CPU.
	if (!options.json) frugalJit();
	const dashboard = options.json ? undefined : await importInk(loadDashboard);
	// The commands get the report channel: a program using procdash shows its pools, values, locks.
	const channel = options.instrument ? await openReportChannel() : undefined;
	const newOrchestrator = () => {
		const orchestrator = createOrchestrator({
			graceMs: options.graceMs,
			maxProcesses: options.maxProcesses,
			spares: options.json ? 0 : dashboardSpares,
			output: 'capture',
			...(channel ? {commandEnv: channel.commandEnv} : {}),
		});
		channel?.attach(orchestrator);
		return orchestrator;
	};
	const orchestrator = newOrchestrator();
	let stopRecording = options.record ? startRecording(orchestrator.bus, options.record) : () => {};
	let stopLogs = logDirectory(orchestrator, options.logDir);
	try {
		if (!dashboard) {
			const abort = new AbortController();
			const sink = stdoutSink(
				() => abort.abort(),
				(backedUp) => orchestrator.holdOutput(backedUp),
			);
			return await runHeadless({orchestrator, scenario, sink, signal: abort.signal});
		}
		// A recording follows the preset on screen: each switch starts the file anew.
		const onSwitch = (next: Orchestrator) => {
			stopRecording();
			stopRecording = () => {};
			void stopLogs();
			stopLogs = logDirectory(next, options.logDir);
			// The file was writable a moment ago; should that change, the dashboard goes on unrecorded.
			try {
				if (options.record) stopRecording = startRecording(next.bus, options.record);
			} catch {}
		};
		return await dashboard.runDashboard({
			orchestrator,
			scenario,
			failed,
			presets: presets && {scenarios: presets, newOrchestrator, onSwitch},
		});
	} finally {
		stopRecording();
		await stopLogs();
		await channel?.close();
	}
}

// --log-dir: every process's output to DIR/<name>.log (a name made safe as a file name).
function logDirectory(
	orchestrator: Orchestrator,
	directory: string | undefined,
): () => Promise<void> {
	if (directory === undefined) return async () => {};
	// Asked for every line of output: each name's target is made once.
	const targets = new Map<string, LogTarget>();
	const target = (name: string) => {
		let found = targets.get(name);
		if (!found) {
			const file = path.join(directory, `${name.replace(/[^\w.-]/g, '_')}.log`);
			found = {file, maxBytes: 10 * 1024 * 1024, keep: 3};
			targets.set(name, found);
		}
		return found;
	};
	return startProcessLogs(orchestrator.bus, target);
}

/** How a live run is judged, and what else it may play. */
export type LiveOptions = {
	/** Whether the run failed, from its final snapshot (`run` and scenario files: a process did). */
	readonly failed?: (snapshot: Snapshot) => boolean;
	/** The presets `s` may switch to in the dashboard; absent for `run` and scenario files. */
	readonly presets?: readonly Scenario[];
};

/**
 * Plays a recording made with `--record`: in the same dashboard, read-only, or with `--json` as
 * the same NDJSON stream and summary the recorded run printed. The file is read and checked
 * before Ink is imported.
 */
export async function playReplay(file: string, speed: number, json: boolean): Promise<number> {
	const replay = new Replay(readRecording(file), {speed});
	if (!json) {
		requireTerminal();
		frugalJit();
		const {runReplayDashboard} = await importInk(loadDashboard);
		return runReplayDashboard(replay);
	}
	const abort = new AbortController();
	const sink = stdoutSink(() => abort.abort());
	const store = new SnapshotStore(replay.bus);
	const stopWriting = writeEvents(replay.bus, sink);
	let stoppedBy: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		stoppedBy = signal;
		abort.abort();
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		await replay.play(abort.signal);
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		stopWriting();
	}
	return writeSummary(store, sink, stoppedBy);
}

function requireTerminal(): void {
	if (process.stdin.isTTY && process.stdout.isTTY) return;
	throw new UsageError(
		'the dashboard needs an interactive terminal (stdin and stdout must be a TTY); use --json for headless output',
	);
}

// Past this many bytes waiting to be written to stdout, the children's output is held back.
const stdoutBacklogBytes = 1 << 20;

// Lines to stdout, one write each, so a reader sees each event at once. A pipe takes what its
// reader has read and Node queues the rest in memory: a child printing faster than the reader
// reads (1 GB as fast as it can) would grow that queue without bound, so past a backlog the
// children's output is held (`onBackedUp(true)`) until stdout drains. When the reader goes away
// (`procdash … --json | head -3`), stop writing and stop the run instead of crashing on EPIPE.
function stdoutSink(
	onClosed: () => void,
	onBackedUp: (backedUp: boolean) => void = () => {},
): LineSink {
	let closed = false;
	let backedUp = false;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		closed = true;
		onClosed();
	});
	process.stdout.on('drain', () => {
		if (!backedUp) return;
		backedUp = false;
		onBackedUp(false);
	});
	return (line) => {
		if (closed) return;
		process.stdout.write(line);
		if (!backedUp && process.stdout.writableLength > stdoutBacklogBytes) {
			backedUp = true;
			onBackedUp(true);
		}
	};
}
