import type {ProcessRow} from '../core/snapshot/index.js';
import type {DashboardController} from './controller.js';
import type {RowEntry} from './table-entries.js';

/** The signals `S` offers, in the order shown. */
export const pickerSignals = [
	'HUP',
	'INT',
	'QUIT',
	'USR1',
	'USR2',
	'TERM',
	'KILL',
	'STOP',
	'CONT',
] as const;

/**
 * Why `S` cannot open on `entry`: a row procdash did not start, or no row; undefined when it
 * can. With marked rows it acts on them, whatever is selected.
 */
export function pickerRefusal(
	controller: DashboardController,
	entry: RowEntry | undefined,
	marked: readonly ProcessRow[],
): string | undefined {
	if (controller.readOnly) return controller.readOnly;
	if (marked.length > 0) return undefined;
	if (!entry) return 'no process selected';
	if (entry.kind === 'descendant')
		return `${entry.row.command} (pid ${entry.row.pid}) was not started by procdash: S signals only processes it started`;
	return undefined;
}

/**
 * Sends `SIG<name>` to the process group of each of `targets` (the marked rows, else the selected
 * one); returns what the footer says.
 */
export function sendPicked(
	controller: DashboardController,
	targets: readonly ProcessRow[],
	name: (typeof pickerSignals)[number],
): string {
	const signal = `SIG${name}` as NodeJS.Signals;
	const sent = targets.filter((row) => controller.signal(row.id, signal));
	const notRunning = targets.filter((row) => !sent.includes(row));
	const to = sent.map((row) => `${row.name} (pid ${row.pid})`).join(', ');
	const skipped =
		notRunning.length > 0
			? `${sent.length > 0 ? '; ' : ''}not running: ${notRunning.map((row) => row.name).join(', ')}`
			: '';
	return `${sent.length > 0 ? `${signal} sent to ${to}` : `${signal} sent to nothing`}${skipped}`;
}
