import {useApp} from 'ink';
import {useEffect} from 'react';
import type {CommandTargets} from '../command-targets.js';
import {searchPrompt, stepSearch} from '../log-commands.js';
import {
	markSelected,
	openSignalPicker,
	openStdinPrompt,
	sendStdinLine,
	signalPickerCommand,
	steerRows,
} from '../row-commands.js';
import {moveEntry, selectionOf} from '../table-entries.js';
import {isPrompt, type Mode, type PromptMode} from '../view-state.js';
import {type Command, useKeymap} from './use-keymap.js';

export type {CommandTargets} from '../command-targets.js';

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
		if (mode === 'signal') return signalPickerCommand(command, targets);
		if (isPrompt(mode)) return promptCommand(command, mode, targets);
		if (targets.view.focus === 'log') return logCommand(command, targets);
		return normalCommand(command, targets);
	};
	useKeymap(view.mode, onCommand, targets.interactive);

	// Leave only once the frame that says how the stop went is on screen.
	useEffect(() => {
		if (view.quitting && stopped) exit();
	}, [view.quitting, stopped, exit]);
}

/** The keys of the log view: scroll, search, n / N between matches, t; the rest as in the table. */
function logCommand(command: Exclude<Command, object>, targets: CommandTargets) {
	if (command === 'filter') return targets.dispatch({type: 'open', mode: 'search'});
	if (command === 'new-process') return stepSearch(targets, 1);
	if (command === 'previous-match') return stepSearch(targets, -1);
	return normalCommand(command, targets);
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
			if (view.marked.length > 0) {
				dispatch({type: 'clear-marks'});
				return say('every row unmarked');
			}
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
			return steerRows(command, targets);
		case 'terminate':
		case 'kill':
		case 'pause':
			return steerRows(command, targets);
		case 'mark':
			return markSelected(targets);
		case 'signal':
			return openSignalPicker(targets);
		case 'stdin':
			return openStdinPrompt(targets);
		case 'timestamps':
			return dispatch({type: 'toggle-wall-clock'});
		case 'previous-match':
			return say('N: in a log (Enter), the previous match of its search');
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
	{view, dispatch, rows, selected, sizes, logLines: lines}: CommandTargets,
) {
	if (view.focus === 'log') {
		const logLines = lines.length;
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

/**
 * The prompts (`n`, `/`, `/` in a log, `i`): Enter to start, keep or send, Esc to cancel or clear
 * (typing is the reducer's).
 */
function promptCommand(command: Command, mode: PromptMode, targets: CommandTargets) {
	const {dispatch} = targets;
	if (mode === 'search') {
		if (command === 'submit' || command === 'back') searchPrompt(command, targets);
		return;
	}
	if (mode === 'stdin') {
		if (command === 'back') return dispatch({type: 'close'});
		if (command === 'submit') sendStdinLine(targets);
		return;
	}
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
