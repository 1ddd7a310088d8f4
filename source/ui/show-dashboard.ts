import path from 'node:path';
import {InputError} from '../core/errors.js';
import {defaultOrchestrator, type Orchestrator} from '../core/orchestrator/orchestrator.js';
import {quietEcho} from '../core/process/output.js';
import {importInk, loadDashboard} from './load.js';

/** Options of `showDashboard`. */
export type ShowDashboardOptions = {
	/** The orchestrator to show; the default one (what Process, Pool, Value and Lock join) if omitted. */
	readonly orchestrator?: Orchestrator;
};

/**
 * Opens procdash's dashboard in this terminal over this program's own orchestrator: its processes,
 * pools, shared values and locks, live, with the keys of `procdash run`. Resolves once the person
 * presses q, which stops every process of the orchestrator as the dashboard's q always does (so
 * the orchestrator takes no new process after it). Rejects with an InputError, before anything
 * shows, when stdin and stdout are not both a terminal. While it is open, the children's output is
 * in its log pane (Enter) rather than written over it.
 */
export async function showDashboard({
	orchestrator = defaultOrchestrator(),
}: ShowDashboardOptions = {}): Promise<void> {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		throw new InputError(
			'showDashboard() needs an interactive terminal: stdin and stdout must be a TTY (to watch a program without one, run it under procdash run --json)',
		);
	}
	const {runProgramDashboard} = await importInk(loadDashboard);
	const loud = quietEcho();
	try {
		await runProgramDashboard(orchestrator, path.basename(process.argv[1] ?? process.argv0));
	} finally {
		loud();
	}
}
