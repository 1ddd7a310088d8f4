import {renderToString} from 'ink';
import type {Snapshot} from '../core/snapshot.js';
import {FinalReport} from './components/FinalReport.js';

/**
 * Prints the final report (the header and every process with how it ended) on the terminal
 * the dashboard has just given back, so that what ran, and how the stop went, stays in view.
 */
export function writeFinalReport(
	snapshot: Snapshot,
	now: number,
	stdout: NodeJS.WriteStream = process.stdout,
): void {
	if (!stdout.isTTY) return;
	const columns = stdout.columns || 80;
	const report = renderToString(<FinalReport snapshot={snapshot} now={now} width={columns - 1} />, {
		columns,
	});
	stdout.write(`${report}\n`);
}
