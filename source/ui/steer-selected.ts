import type {DescendantRow, ProcessRow} from '../core/snapshot/index.js';
import type {DashboardController} from './controller.js';
import {formatExitcode, formatSeconds} from './format.js';
import {footerKeys} from './keys.js';
import type {RowEntry} from './table-entries.js';
import type {ViewState} from './view-state.js';

/** What, besides the view, decides which keys work. */
export type KeysSituation = {
	/** A replay: no key acts on a process. */
	readonly readOnly: boolean;
	/** Everything is stopping or stopped: nothing may start, and q forces the stop. */
	readonly stopping: boolean;
};

// The footer's keys that act on processes, and of those, the ones that start one.
const steering = new Set(['n', 's', 'k/K', 'p', 'r', 'S']);
const starting = new Set(['n', 's', 'r']);

/** The keys that work right now, for the footer. */
export function keysFor(
	view: ViewState,
	{readOnly, stopping}: KeysSituation,
): readonly (readonly [string, string])[] {
	// While everything stops, q again forces the stop.
	const quit: readonly [string, string] = ['q', stopping || view.quitting ? 'force' : 'quit'];
	switch (view.mode) {
		case 'help':
			return [['any key', 'close the help']];
		case 'menu':
			return [
				['↑/↓', 'choose'],
				['Home/End', 'first/last'],
				['Enter', 'play'],
				['Esc', 'close'],
			];
		case 'signal':
			return [
				['←/→', 'choose'],
				['Enter', 'send'],
				['Esc', 'cancel'],
			];
		case 'command':
		case 'filter':
		case 'search':
		case 'stdin': {
			const keep = view.mode === 'command' ? 'start' : view.mode === 'stdin' ? 'send' : 'keep';
			const drop = view.mode === 'filter' || view.mode === 'search' ? 'clear' : 'cancel';
			return [
				['Enter', keep],
				['Esc', drop],
				['Ctrl-C', 'quit'],
			];
		}
		default:
			if (view.focus === 'log')
				return [
					['↑/↓', 'scroll'],
					['/', 'search'],
					['n/N', 'match'],
					['t', 'times'],
					['Esc/Tab', 'back to processes'],
					quit,
				];
			return [
				...(view.marked.length > 0
					? [['Esc', `unmark ${view.marked.length} marked`] as const]
					: []),
				...footerKeys.filter(
					([key]) =>
						key !== 'q' &&
						!(readOnly && steering.has(key)) &&
						!((stopping || view.quitting) && starting.has(key)),
				),
				quit,
			];
	}
}

/** The keys that act on the selected process. */
export type ProcessAction = 'terminate' | 'kill' | 'pause' | 'restart';

/** What k, K, p and r do to the selected process, and what the footer says about it. */
export function actOnSelected(
	controller: DashboardController,
	entry: RowEntry | undefined,
	say: (message: string) => void,
	/** Told when r has replaced process `from` with process `to`, for the selection to follow. */
	restarted?: (from: number, to: number) => void,
) {
	return (action: ProcessAction) => {
		if (controller.readOnly) return say(controller.readOnly);
		if (!entry) return say('no process selected');
		if (entry.kind === 'descendant') return actOnDescendant(controller, entry.row, action, say);
		const selected = entry.row;
		if (action === 'restart') {
			say(`restarting ${selected.name}…`);
			void controller.restart(selected.id).then((outcome) => {
				if (outcome.id !== undefined) restarted?.(selected.id, outcome.id);
				say(outcome.message);
			});
			return;
		}
		const paused = selected.state === 'paused';
		const done =
			action === 'terminate'
				? controller.terminate(selected.id)
				: action === 'kill'
					? controller.kill(selected.id)
					: controller.pause(selected.id, paused);
		if (done) return say(sent(action, selected, paused, controller.graceMs));
		const verb = action === 'pause' ? 'pause' : action;
		say(
			selected.state === 'created'
				? `${selected.name} has not started: nothing to ${verb}`
				: `${selected.name} has already exited (exit code ${formatExitcode(selected.exitcode)}): nothing to ${verb}`,
		);
	};
}

/**
 * What k, K, p and r do to the marked processes: each in turn, as to a selected one; the footer
 * says what was sent to which, and which were not running. `restarted` is told when r is done.
 */
export function actOnMarked(
	controller: DashboardController,
	marked: readonly ProcessRow[],
	action: ProcessAction,
	say: (message: string) => void,
	restarted?: () => void,
) {
	if (controller.readOnly) return say(controller.readOnly);
	const names = (rows: readonly ProcessRow[]) => rows.map((row) => row.name).join(', ');
	if (action === 'restart') {
		say(`restarting ${names(marked)}…`);
		void Promise.all(marked.map((row) => controller.restart(row.id))).then((outcomes) => {
			restarted?.();
			say(outcomes.map((outcome) => outcome.message).join('; '));
		});
		return;
	}
	const done = marked.filter((row) =>
		action === 'terminate'
			? controller.terminate(row.id)
			: action === 'kill'
				? controller.kill(row.id)
				: controller.pause(row.id, row.state === 'paused'),
	);
	const skipped = marked.filter((row) => !done.includes(row));
	const what = {terminate: 'stopping', kill: 'SIGKILL sent to', pause: 'paused / resumed'}[action];
	say(
		`${done.length > 0 ? `${what} ${names(done)}` : 'nothing sent'}${skipped.length > 0 ? `; not running: ${names(skipped)}` : ''}`,
	);
}

// A descendant procdash did not start: signalled by pid, through the core, which checks it is one.
function actOnDescendant(
	controller: DashboardController,
	row: DescendantRow,
	action: ProcessAction,
	say: (message: string) => void,
) {
	if (action === 'restart')
		return say(
			`${row.command} (pid ${row.pid}) was not started by procdash: it cannot be restarted`,
		);
	const signal = action === 'pause' && row.stopped ? 'resume' : action;
	say(controller.steerDescendant(row.pid, signal).message);
}

function sent(
	action: Exclude<ProcessAction, 'restart'>,
	row: ProcessRow,
	paused: boolean,
	graceMs: number,
): string {
	const who = `${row.name} (pid ${row.pid})`;
	if (action === 'terminate')
		return `SIGTERM sent to ${who}; SIGKILL in ${formatSeconds(graceMs)} if it is still running`;
	if (action === 'kill') return `SIGKILL sent to ${who}`;
	return paused ? `SIGCONT sent to ${who}: resumed` : `SIGSTOP sent to ${who}: paused`;
}
