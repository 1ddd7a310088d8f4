import {renderToString} from 'ink';
import type {Snapshot} from '../../core/snapshot/index.js';
import {FinalReport} from '../components/FinalReport.js';
import {enterAlternateScreen} from './alternate-screen.js';
import {shareLineCaches} from './line-cache.js';

/** How a dashboard ended: its exit code, and the state and clock to report. */
export type Ending = {readonly code: number; readonly snapshot: Snapshot; readonly now: number};

/**
 * Runs `show` (a live dashboard or a replay) on the terminal's alternate screen, then gives the
 * terminal back, with the final report under what it showed before: how the stop went and how
 * each process ended, so that it stays in view. Resolves with the exit code.
 */
export async function onAlternateScreen(show: () => Promise<Ending>): Promise<number> {
	await shareLineCaches();
	const leaveScreen = enterAlternateScreen();
	try {
		const {code, snapshot, now} = await show();
		leaveScreen();
		writeFinalReport(snapshot, now);
		return code;
	} finally {
		leaveScreen();
	}
}

function writeFinalReport(snapshot: Snapshot, now: number): void {
	const {stdout} = process;
	if (!stdout.isTTY) return;
	const columns = stdout.columns || 80;
	const report = renderToString(<FinalReport snapshot={snapshot} now={now} width={columns - 1} />, {
		columns,
	});
	stdout.write(`${report}\n`);
}
