import type {ProcessRow} from '../core/snapshot/index.js';
import {type Edit, editLine, insertText, type Line} from './line-edit.js';

/** What the keyboard is talking to. */
export type Mode = 'normal' | 'help' | 'menu' | 'signal' | PromptMode;

/** The modes of a one-line prompt: `n`, `/` in the table, `/` in a log, `i`. */
export type PromptMode = 'command' | 'filter' | 'search' | 'stdin';

/** Whether `mode` is a one-line prompt, whose keys type text. */
export function isPrompt(mode: Mode): mode is PromptMode {
	return mode === 'command' || mode === 'filter' || mode === 'search' || mode === 'stdin';
}

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
	/** The processes marked with Space, which k, K, p, r and S act on together. */
	readonly marked: readonly number[];
	/** What the log is searched for (`/` in a log; case-insensitive); '' for no search. */
	readonly search: string;
	/** The `seq` of the log line of the current match (n / N move it). */
	readonly matchSeq: number | undefined;
	/** Whether log lines show the wall-clock time (`t`) instead of the time since the start. */
	readonly wallClock: boolean;
	/** The signal the `S` picker points at, as an index of its list. */
	readonly signalIndex: number;
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
	marked: [],
	search: '',
	matchSeq: undefined,
	wallClock: false,
	signalIndex: 0,
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
	| {readonly type: 'quit'}
	/** Space: marks the process, or unmarks it. */
	| {readonly type: 'mark'; readonly id: number}
	| {readonly type: 'clear-marks'}
	| {readonly type: 'apply-search'}
	| {readonly type: 'clear-search'}
	/** The current match is now the line `seq`, shown `scroll` lines up from the newest. */
	| {readonly type: 'match'; readonly seq: number; readonly scroll: number}
	| {readonly type: 'toggle-wall-clock'}
	| {readonly type: 'point-signal'; readonly index: number};

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
			const draft =
				action.mode === 'filter' ? state.filter : action.mode === 'search' ? state.search : '';
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
		default:
			return reduceMarksAndLog(state, action);
	}
}

// The actions of marks, log search, timestamps and the signal picker.
function reduceMarksAndLog(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'mark': {
			const marked = state.marked.includes(action.id)
				? state.marked.filter((id) => id !== action.id)
				: [...state.marked, action.id];
			return {...state, marked};
		}
		case 'clear-marks':
			return {...state, marked: []};
		case 'apply-search':
			return {...state, mode: 'normal', search: state.draft.trim(), draft: '', cursor: 0};
		case 'clear-search':
			return {...state, mode: 'normal', search: '', matchSeq: undefined, draft: '', cursor: 0};
		case 'match':
			return {...state, matchSeq: action.seq, logScroll: action.scroll};
		case 'toggle-wall-clock':
			return {...state, wallClock: !state.wallClock};
		case 'point-signal':
			return {...state, signalIndex: action.index};
		default:
			return state;
	}
}

function line({draft, cursor}: ViewState): Line {
	return {text: draft, cursor};
}

// The `/` prompts filter and search as they are typed, not only on Enter; a new search starts
// from the newest match.
function typed(state: ViewState, {text, cursor}: Line): ViewState {
	const filter = state.mode === 'filter' ? text.trim() : state.filter;
	const searching = state.mode === 'search';
	return {
		...state,
		draft: text,
		cursor,
		filter,
		search: searching ? text.trim() : state.search,
		matchSeq: searching ? undefined : state.matchSeq,
	};
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
