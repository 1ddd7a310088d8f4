import type {Snapshot} from '../core/snapshot/index.js';
import {poolPanelHeight} from './components/PoolPanel.js';
import {wrapText} from './format.js';
import type {ViewState} from './view-state.js';

/** The smallest terminal the layout is made for. */
export const minimumSize = {columns: 80, rows: 24} as const;

/** How many terminal rows each part of the dashboard gets. */
export type Layout = {
	/** The preset's description. */
	readonly about: number;
	/** The process table's lines, not counting its heading. */
	readonly table: number;
	/** The Pools, Queues, Shared and Sync panels, each with its title; 0 when it is not shown. */
	readonly pool: number;
	readonly queues: number;
	readonly shared: number;
	readonly sync: number;
	/** 1 for the line that names the panels with nothing to show ("Pools none · Sync none"). */
	readonly empty: number;
	/** Whether a blank line stands above each panel under the table (given up in a short terminal). */
	readonly gaps: boolean;
	/** The bottom pane: events, a log, or the preset menu, not counting its title. */
	readonly bottom: number;
	/** Everything between the description and the prompt or footer: the panels, or the help. */
	readonly body: number;
};

/** What the bottom pane shows: the events, a log (given room first), or the preset menu of `menu` presets. */
export type BottomPane = 'events' | 'log' | {readonly menu: number};

/** The order and filter the process table is shown with. */
type TableView = Pick<ViewState, 'sort' | 'filter'>;

/**
 * Lines the process table spends between its heading and its rows: one naming a chosen order or
 * filter, none for the plain ones. The layout counts it when sizing the table, and the table when
 * filling the height it was given.
 */
export function tableNoteLines({sort, filter}: TableView): number {
	return sort !== 'started' || filter !== '' ? 1 : 0;
}

/** The lines the process table needs to show `rows` lines (processes, descendants, pools) unscrolled. */
export function tableLines(rows: number, view: TableView): number {
	// No row at all is one line that says so.
	return Math.max(1, rows) + tableNoteLines(view);
}

/** The lines the description of the preset playing takes at `width`, at most three. */
export function aboutLines(scenario: Snapshot['scenario'], width: number): number {
	return scenario ? Math.min(3, wrapText(scenario.about, width).length) : 0;
}

// Lines every frame has besides the parts the layout sizes: the blank line above the table, and
// the table's and the bottom pane's titles (the header's first line and the footer's two aside).
const fixedLines = 3;
const minimumTable = 3;
const minimumBottom = 2;

/**
 * Shares `rows` among the parts of the dashboard, most wanted first: the header and the footer
 * always; then a few lines each for the table, the bottom pane (more in a taller terminal) and the
 * description; then, while the log or the preset menu is open, the bottom pane; then each panel
 * with something to show at its least; then the table, all its rows; then the blank lines between
 * the panels; then the line naming the empty panels; then the panels in full, the description in
 * full, and the bottom pane whatever is left.
 */
export function layout(
	snapshot: Snapshot,
	tableLines: number,
	columns: number,
	rows: number,
	promptOpen: boolean,
	pane: BottomPane = 'events',
): Layout {
	const {scenario} = snapshot;
	const notes = scenario && scenario.state !== 'running' ? 1 : 0;
	const top = 1 + (snapshot.stopping ? 1 : 0) + (snapshot.stopped ? 1 : 0) + notes;
	const footer = 2 + (promptOpen ? 1 : 0);
	let free = rows - top - footer - fixedLines;
	const grant = (want: number): number => {
		const given = Math.max(0, Math.min(want, free));
		free -= given;
		return given;
	};

	const aboutWant = aboutLines(scenario, columns - 1);
	const wants = panelWants(snapshot);
	let table = grant(Math.min(tableLines, minimumTable));
	// A taller terminal keeps more of the events in view however many rows the table has.
	let bottom = grant(minimumBottom + Math.floor(Math.max(0, rows - minimumSize.rows) / 4));
	let about = grant(Math.min(aboutWant, 1));
	if (pane === 'log') bottom += grant(Math.floor((rows - top - footer) / 3) - bottom);
	// The menu's frame and title take three lines, one of them the pane's title line.
	else if (pane !== 'events') bottom += grant(pane.menu + 2 - bottom);
	let pool = grant(wants.pool.least);
	let queues = grant(wants.queues.least);
	let shared = grant(wants.shared.least);
	let sync = grant(wants.sync.least);
	table += grant(tableLines - table);
	// One blank line above each panel shown under the table, and above the bottom pane: all or none.
	const blanks = [pool, queues, shared, sync].filter((lines) => lines > 0).length + 1;
	const gaps = free >= blanks;
	if (gaps) free -= blanks;
	const anyEmpty = Object.values(wants).some((want) => want.want === 0);
	const emptyLines = 1 + (gaps ? 1 : 0);
	const empty = anyEmpty && free >= emptyLines ? 1 : 0;
	free -= empty * emptyLines;
	pool += grant(wants.pool.want - pool);
	queues += grant(wants.queues.want - queues);
	shared += grant(wants.shared.want - shared);
	sync += grant(wants.sync.want - sync);
	about += grant(aboutWant - about);
	bottom += Math.max(0, free);
	return {
		about,
		table,
		pool,
		queues,
		shared,
		sync,
		empty,
		gaps,
		bottom,
		body: rows - top - about - footer,
	};
}

type Want = {readonly least: number; readonly want: number};

/** The panels under the table, top to bottom. */
type Panel = 'pool' | 'queues' | 'shared' | 'sync';

/** What each panel wants, and the least it still says something with; 0 and 0 when it is empty. */
function panelWants({pools, shared, sync}: Snapshot): Record<Panel, Want> {
	const values = shared.values.length + shared.arrays.length + sync.managed.length;
	const queues = sync.queues.length + sync.pipes.length;
	const waiting = shared.locks.length + sync.objects.length;
	const cycle = shared.locks.some((lock) => lock.deadlock) ? 1 : 0;
	return {
		// A pool's first two lines are its state and its queue: the point of the panel.
		pool: {
			least: pools.length === 0 ? 0 : 1 + 2 * pools.length,
			want: pools.length === 0 ? 0 : poolPanelHeight(pools),
		},
		queues: {
			least: Math.min(queues, 1) * 2,
			want: queues === 0 ? 0 : 1 + Math.min(queues, 5),
		},
		shared: {
			least: Math.min(values, 1) * 2,
			want: values === 0 ? 0 : 1 + Math.min(values, 6),
		},
		sync: {
			least: waiting === 0 ? 0 : 2 + cycle,
			want: waiting === 0 ? 0 : 1 + Math.min(waiting, 5) + cycle,
		},
	};
}
