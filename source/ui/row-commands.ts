import type {CommandTargets} from './command-targets.js';
import {pickerRefusal, pickerSignals, sendPicked} from './signal-picker.js';
import {actOnMarked, actOnSelected, type ProcessAction} from './steer-selected.js';

// The keys that act on rows beyond the selected one: Space marks, S picks a signal, i types a
// line to the selected process's stdin; k, K, p and r act on the marked rows when there are any.

/** Space: marks the selected process, or unmarks it; a descendant cannot be marked. */
export function markSelected({selected, dispatch, marked}: CommandTargets) {
	const say = (message: string) => dispatch({type: 'say', message});
	if (!selected) return say('no process selected');
	if (selected.kind === 'descendant')
		return say(
			`${selected.row.command} (pid ${selected.row.pid}) was not started by procdash: it cannot be marked`,
		);
	const {id} = selected.row;
	const count = marked.length + (marked.some((row) => row.id === id) ? -1 : 1);
	dispatch({type: 'mark', id});
	say(
		count === 0
			? 'no row marked'
			: `${count} marked: k, K, p, r and S act on every marked row (Space unmarks, Esc unmarks all)`,
	);
}

/** k, K, p and r: on every marked row when there are any, else on the selected one. */
export function steerRows(action: ProcessAction, targets: CommandTargets) {
	const {controller, selected, dispatch, marked} = targets;
	const say = (message: string) => dispatch({type: 'say', message});
	if (marked.length > 0)
		return actOnMarked(controller, marked, action, say, () => dispatch({type: 'clear-marks'}));
	return actOnSelected(controller, selected, say, (from, to) =>
		dispatch({type: 'follow', from, to}),
	)(action);
}

/** S: opens the signal picker on the marked rows or the selected process, or says why not. */
export function openSignalPicker({controller, selected, marked, dispatch}: CommandTargets) {
	const refused = pickerRefusal(controller, selected, marked);
	if (refused !== undefined) return dispatch({type: 'say', message: refused});
	dispatch({type: 'open', mode: 'signal'});
}

/** The open signal picker: ←/→ (Home/End) choose, Enter sends, Esc closes. */
export function signalPickerCommand(command: string, targets: CommandTargets) {
	const {view, dispatch, controller, marked, selected} = targets;
	const last = pickerSignals.length - 1;
	const point = (index: number) => dispatch({type: 'point-signal', index});
	if (command === 'left') return point(view.signalIndex === 0 ? last : view.signalIndex - 1);
	if (command === 'right') return point(view.signalIndex === last ? 0 : view.signalIndex + 1);
	if (command === 'home') return point(0);
	if (command === 'end') return point(last);
	if (command === 'back') return dispatch({type: 'close'});
	if (command !== 'submit') return;
	const rows = marked.length > 0 ? marked : selected?.kind === 'process' ? [selected.row] : [];
	dispatch({type: 'close'});
	const name = pickerSignals[view.signalIndex] ?? 'TERM';
	dispatch({type: 'say', message: sendPicked(controller, rows, name)});
}

/** i: opens the prompt of a line to the selected process's stdin, or says why it has none. */
export function openStdinPrompt({controller, selected, dispatch}: CommandTargets) {
	const say = (message: string) => dispatch({type: 'say', message});
	if (controller.readOnly) return say(controller.readOnly);
	if (!selected) return say('no process selected');
	if (selected.kind === 'descendant')
		return say(
			`${selected.row.command} (pid ${selected.row.pid}) was not started by procdash: its stdin is not procdash's`,
		);
	const refused = controller.stdinRefusal(selected.row.id);
	if (refused !== undefined) return say(refused);
	dispatch({type: 'open', mode: 'stdin'});
}

/** Enter in the stdin prompt: the line goes to the selected process, and the prompt closes. */
export function sendStdinLine({controller, selected, view, dispatch}: CommandTargets) {
	dispatch({type: 'close'});
	if (selected?.kind !== 'process') return dispatch({type: 'say', message: 'no process selected'});
	dispatch({type: 'say', message: controller.writeLine(selected.row.id, view.draft).message});
}
