import type {ProcessRow} from '../core/snapshot/index.js';
import {type Edit, editLine, insertText, type Line} from './line-edit.js';

/** What the keyboard is talking to. */
export type Mode = 'normal' | 'help' | 'menu' | 'command' | 'filter';

/** Which pane has the arrows: the process table or the log below it. */
export type Focus = 'processes' | 'log';

/** The orders `o` cycles through. */
export const sortKeys = ['started', 'name', 'cpu', 'memory', 'state'] as const;

/** How the process table is ordered. */
export type SortKey = (typeof sortKeys)[number];

/** Everything the dashboard remembers between frames that is not in the snapshot. */
export type ViewState = {
	readonly mode: Mode;
	readonly focus: Focus;
	/** The highlighted process; the first row when undefined or gone. */
	readonly selectedId: number | undefined;
	/** The highlighted descendant's pid, when the row is one (`selectedId` is then its process's). */
	readonly selectedPid?: number | undefined;
	/** Rows whose name contains this (case-insensitive) are shown; the `/` prompt sets it as it is typed. */
	readonly filter: string;
	/** What is being typed in the `n` or `/` prompt. */
	readonly draft: string;
	/** Where the prompt's cursor stands in the draft (see line-edit.ts). */
	readonly cursor: number;
	readonly sort: SortKey;
	/** Lines scrolled up from the newest in the log pane. */
	readonly logScroll: number;
	/** The footer's answer to the last key. */
	readonly message: string | undefined;
	readonly quitting: boolean;
};

/** The dashboard as it opens. */
export const initialView: ViewState = {
	mode: 'normal',
	focus: 'processes',
	selectedId: undefined,
	filter: '',
	draft: '',
	cursor: 0,
	sort: 'started',
	logScroll: 0,
	message: undefined,
	quitting: false,
};

/** What a key can change in the view. */
export type ViewAction =
	| {readonly type: 'select'; readonly id: number | undefined; readonly pid?: number | undefined}
	/** A process was replaced by a new one (restarted): the selection follows it if still on it. */
	| {readonly type: 'follow'; readonly from: number; readonly to: number}
	| {readonly type: 'open'; readonly mode: Mode}
	| {readonly type: 'close'}
	| {readonly type: 'type'; readonly text: string}
	| {readonly type: 'edit'; readonly edit: Edit}
	| {readonly type: 'apply-filter'}
	| {readonly type: 'clear-filter'}
	| {readonly type: 'focus'; readonly focus: Focus}
	| {readonly type: 'cycle-sort'}
	| {readonly type: 'scroll'; readonly by: number; readonly max: number}
	| {readonly type: 'say'; readonly message: string | undefined}
	| {readonly type: 'quit'};

/** Applies one action. Pure: no effect happens here; keys that act on processes do that. */
export function reduceView(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'select':
			return {
				...state,
				selectedId: action.id,
				selectedPid: action.pid,
				logScroll: 0,
				message: undefined,
			};
		case 'follow':
			// Undefined is the first row, on which nobody moved: r there follows the new process too.
			return (state.selectedId === action.from && state.selectedPid === undefined) ||
				state.selectedId === undefined
				? {...state, selectedId: action.to, selectedPid: undefined}
				: state;
		case 'open': {
			const draft = action.mode === 'filter' ? state.filter : '';
			return {...state, mode: action.mode, draft, cursor: draft.length, message: undefined};
		}
		case 'close':
			return {...state, mode: 'normal', draft: '', cursor: 0};
		case 'type':
			return typed(state, insertText(line(state), action.text));
		case 'edit':
			return typed(state, editLine(line(state), action.edit));
		case 'apply-filter':
			return {...state, mode: 'normal', filter: state.draft.trim(), draft: '', cursor: 0};
		case 'clear-filter':
			return {...state, mode: 'normal', filter: '', draft: '', cursor: 0};
		case 'focus':
			return {...state, focus: action.focus, logScroll: 0};
		case 'cycle-sort': {
			const next = sortKeys[(sortKeys.indexOf(state.sort) + 1) % sortKeys.length] as SortKey;
			return {...state, sort: next, message: `sorted by ${next}`};
		}
		case 'scroll':
			return {
				...state,
				logScroll: Math.min(Math.max(0, state.logScroll + action.by), Math.max(0, action.max)),
			};
		case 'say':
			return {...state, message: action.message};
		case 'quit':
			return {...state, quitting: true, mode: 'normal'};
	}
}

function line({draft, cursor}: ViewState): Line {
	return {text: draft, cursor};
}

// The `/` prompt filters as it is typed: the table narrows at each key, not only on Enter.
function typed(state: ViewState, {text, cursor}: Line): ViewState {
	const filter = state.mode === 'filter' ? text.trim() : state.filter;
	return {...state, draft: text, cursor, filter};
}

const stateOrder: Record<ProcessRow['state'], number> = {
	running: 0,
	paused: 1,
	created: 2,
	failed: 3,
	exited: 4,
};

/** The rows the table shows: filtered by name, then in the chosen order (stable). */
export function visibleRows(
	rows: readonly ProcessRow[],
	{filter, sort}: Pick<ViewState, 'filter' | 'sort'>,
): ProcessRow[] {
	const needle = filter.toLowerCase();
	const kept = needle ? rows.filter((row) => row.name.toLowerCase().includes(needle)) : [...rows];
	const by: Record<SortKey, (a: ProcessRow, b: ProcessRow) => number> = {
		started: () => 0,
		name: (a, b) => a.name.localeCompare(b.name),
		cpu: (a, b) => (b.cpu ?? -1) - (a.cpu ?? -1),
		memory: (a, b) => (b.memory ?? -1) - (a.memory ?? -1),
		state: (a, b) => stateOrder[a.state] - stateOrder[b.state],
	};
	return kept.sort(by[sort]);
}
