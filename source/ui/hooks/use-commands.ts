import {useApp} from 'ink';
import {type Dispatch, useEffect} from 'react';
import type {DashboardController} from '../controller.js';
import type {Layout} from '../layout.js';
import {actOnSelected} from '../steer-selected.js';
import {moveEntry, type RowEntry, selectionOf} from '../table-entries.js';
import type {Mode, ViewAction, ViewState} from '../view-state.js';
import {type Command, useKeymap} from './use-keymap.js';
import type {PresetMenuState} from './use-preset-menu.js';

/** What the keys act on: the view and its reducer, the processes shown, and the controller. */
export type CommandTargets = {
	/** What the keys do to the processes: steer an orchestrator, or nothing in a replay. */
	readonly controller: DashboardController;
	/** The view the keys came in: its mode, focus and selection. */
	readonly view: ViewState;
	/** Changes the view; see view-state.ts. */
	readonly dispatch: Dispatch<ViewAction>;
	/** The table's rows, processes and their descendants, in the order shown. */
	readonly rows: readonly RowEntry[];
	/** The highlighted row: the one k, K, p, r and Enter act on. */
	readonly selected: RowEntry | undefined;
	/** The panels' heights, for a page of PgUp/PgDn. */
	readonly sizes: Layout;
	/** Lines the log pane holds while it has the focus, for scrolling it. */
	readonly logLines: number;
	/** The preset menu `s` opens. */
	readonly menu: PresetMenuState;
	/** Whether the snapshot says every process has stopped: a quit leaves then. */
	readonly stopped: boolean;
	/** Whether everything is stopping or stopped (a quit, a signal, a preset switch): nothing may start. */
	readonly stopping: boolean;
	/** Whether keys are read: false where stdin cannot be put in raw mode. */
	readonly interactive: boolean;
};

/**
 * What each key does to the dashboard: reads the keys (see use-keymap.ts), steers the processes
 * through the controller, changes the view, and leaves once a quit has stopped everything.
 */
export function useCommands(targets: CommandTargets): void {
	const {exit} = useApp();
	const {view, dispatch, stopped} = targets;
	const onCommand = (command: Command, mode: Mode) => {
		if (command === 'quit') return quit(targets, exit);
		if (typeof command === 'object')
			return dispatch(
				'text' in command ? {type: 'type', text: command.text} : {type: 'edit', edit: command.edit},
			);
		if (mode === 'help') return dispatch({type: 'close'});
		if (mode === 'menu') return menuCommand(command, targets);
		if (mode === 'command' || mode === 'filter') return promptCommand(command, mode, targets);
		return normalCommand(command, targets);
	};
	useKeymap(view.mode, onCommand, targets.interactive);

	// Leave only once the frame that says how the stop went is on screen.
	useEffect(() => {
		if (view.quitting && stopped) exit();
	}, [view.quitting, stopped, exit]);
}

/** The keys of the normal mode: move, switch panes, open a prompt or menu, act on the selected. */
function normalCommand(command: Exclude<Command, object>, targets: CommandTargets) {
	const {controller, view, dispatch, menu} = targets;
	const say = (message: string) => dispatch({type: 'say', message});
	switch (command) {
		case 'up':
		case 'down':
		case 'page-up':
		case 'page-down':
		case 'home':
		case 'end':
			return move(command, targets);
		case 'next-panel':
			if (view.focus === 'log') return dispatch({type: 'focus', focus: 'processes'});
			return openLog(targets);
		case 'open-log':
			return openLog(targets);
		case 'back':
			if (view.focus === 'log') return dispatch({type: 'focus', focus: 'processes'});
			return view.filter ? dispatch({type: 'clear-filter'}) : undefined;
		case 'new-process':
			if (controller.readOnly) return say(controller.readOnly);
			if (ending(targets)) return say(stoppingSays('no new process starts'));
			return dispatch({type: 'open', mode: 'command'});
		case 'presets':
			if (controller.readOnly) return say(controller.readOnly);
			if (ending(targets)) return say(stoppingSays('no preset starts'));
			if (!controller.presets)
				return say('presets: only when procdash plays one (procdash <preset>)');
			menu.open();
			return dispatch({type: 'open', mode: 'menu'});
		case 'restart':
			if (!controller.readOnly && ending(targets)) return say(stoppingSays('nothing is restarted'));
			return actOnSelected(controller, targets.selected, say, (from, to) =>
				dispatch({type: 'follow', from, to}),
			)(command);
		case 'terminate':
		case 'kill':
		case 'pause':
			return actOnSelected(controller, targets.selected, say)(command);
		case 'filter':
			return dispatch({type: 'open', mode: 'filter'});
		case 'help':
			return dispatch({type: 'open', mode: 'help'});
		case 'sort':
			return dispatch({type: 'cycle-sort'});
	}
}

// A process started now would never run: the stop refuses it, and its row stays in the report.
function ending({view, stopping}: CommandTargets): boolean {
	return view.quitting || stopping;
}

function stoppingSays(what: string): string {
	return `everything is stopping: ${what} (q again forces the stop)`;
}

type Movement = 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end';

/** ↑/↓, PgUp/PgDn, Home/End: the selection in the table, or the log's scroll while it has the focus. */
function move(
	movement: Movement,
	{view, dispatch, rows, selected, sizes, logLines}: CommandTargets,
) {
	if (view.focus === 'log') {
		// Scrolling is counted in lines up from the newest: ↑ goes back in time.
		const page = Math.max(1, sizes.bottom - 1);
		const by = {
			up: 1,
			down: -1,
			'page-up': page,
			'page-down': -page,
			home: logLines,
			end: -logLines,
		};
		return dispatch({type: 'scroll', by: by[movement], max: logLines - sizes.bottom});
	}
	const page = Math.max(1, sizes.table - 1);
	const step = {
		up: -1,
		down: 1,
		'page-up': -page,
		'page-down': page,
		home: -rows.length,
		end: rows.length,
	};
	dispatch({type: 'select', ...selectionOf(moveEntry(rows, selected, step[movement]))});
}

/** Enter and Tab: the selected process's log; a descendant has none of its own, and it is said. */
function openLog({selected, dispatch}: CommandTargets) {
	if (selected?.kind !== 'descendant') return dispatch({type: 'focus', focus: 'log'});
	const {command, pid} = selected.row;
	dispatch({
		type: 'say',
		message: `${command} (pid ${pid}) has no log of its own: procdash did not start it`,
	});
}

/** The open preset menu: ↑/↓ choose, Home/End the first or last, Enter plays, Esc closes. */
function menuCommand(command: Command, {menu, dispatch, controller}: CommandTargets) {
	const count = controller.presets?.choices.length ?? 0;
	if (command === 'up') return menu.move(-1);
	if (command === 'down') return menu.move(1);
	if (command === 'home') return menu.move(-count);
	if (command === 'end') return menu.move(count);
	if (command === 'submit') menu.pick();
	else if (command === 'back') menu.close();
	else return;
	dispatch({type: 'close'});
}

/** The `n` and `/` prompts: Enter to start or keep, Esc to cancel or clear (typing is the reducer's). */
function promptCommand(command: Command, mode: 'command' | 'filter', targets: CommandTargets) {
	const {dispatch} = targets;
	if (mode === 'filter') {
		if (command === 'submit') return dispatch({type: 'apply-filter'});
		if (command === 'back') return dispatch({type: 'clear-filter'});
		return;
	}
	if (command === 'back') return dispatch({type: 'close'});
	if (command === 'submit') startTyped(targets);
}

/**
 * Enter in the `n` prompt: a line that cannot run (an unclosed quote, shell syntax) keeps the
 * prompt open with the line as typed and what is wrong under it, to be fixed; any other line
 * closes it and starts, and the new process's row is selected.
 */
function startTyped({controller, view, dispatch}: CommandTargets) {
	const say = (message: string) => dispatch({type: 'say', message});
	const line = view.draft;
	const wrong = controller.checkCommand(line);
	if (wrong !== undefined) return say(wrong);
	dispatch({type: 'close'});
	say(`starting ${line.trim()}…`);
	void controller.startCommand(line).then((outcome) => {
		if (outcome.id !== undefined) dispatch({type: 'select', id: outcome.id});
		say(outcome.message);
	});
}

/** q and Ctrl-C: the first stops every process gracefully, the second forces it. */
function quit({controller, view, dispatch}: CommandTargets, exit: () => void) {
	const say = (message: string) => dispatch({type: 'say', message});
	// A replay has nothing to stop: it ends the playback and leaves at once.
	if (controller.readOnly) {
		controller.stop();
		return exit();
	}
	if (view.quitting) {
		say('forcing: SIGKILL sent to every process');
		return controller.killAll();
	}
	dispatch({type: 'quit'});
	say('stopping every process… press q again to force');
	controller.stop();
}
