import type {Snapshot} from '../core/snapshot/index.js';
import {poolPanelHeight} from './components/PoolPanel.js';
import {displayWidth} from './format.js';
import type {ViewState} from './view-state.js';

/** The smallest terminal the layout is made for. */
export const minimumSize = {columns: 80, rows: 24} as const;

/** How many terminal rows each part of the dashboard gets. */
export type Layout = {
	readonly about: number;
	readonly table: number;
	readonly shared: number;
	readonly locks: number;
	readonly pool: number;
	/** The bottom pane: events, a log, or the preset menu. */
	readonly bottom: number;
};

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

/** The lines the process table needs to show `rows` rows (processes, descendants, pools) unscrolled. */
export function tableLines(rows: number, view: TableView): number {
	return rows + tableNoteLines(view);
}

// Lines every frame has besides the parts above: the header's first line, the footer's two, the
// table's and the bottom pane's titles, and the blank line above each of the five panels.
const fixedLines = 1 + 2 + 2 + 5;
const minimumTable = 3;
const minimumBottom = 2;

/**
 * Shares `rows` among the panels: each panel with little to show takes one line, the table
 * takes what its rows need up to about half of what is left, and the bottom pane the rest.
 */
export function layout(
	snapshot: Snapshot,
	tableLines: number,
	columns: number,
	rows: number,
	promptOpen: boolean,
): Layout {
	const {shared, scenario} = snapshot;
	let about = scenario
		? Math.min(3, Math.ceil(displayWidth(scenario.about) / Math.max(1, columns - 1)))
		: 0;
	const notes = scenario && scenario.state !== 'running' ? 1 : 0;
	const header = (snapshot.stopping ? 1 : 0) + (snapshot.stopped ? 1 : 0);
	const sharedCount = shared.values.length + shared.arrays.length;
	let sharedLines = sharedCount === 0 ? 1 : 1 + Math.min(sharedCount, 6);
	const hasCycle = shared.locks.some((lock) => lock.deadlock);
	let locksLines =
		shared.locks.length === 0 ? 1 : 1 + Math.min(shared.locks.length, 5) + (hasCycle ? 1 : 0);
	let pool = poolPanelHeight(snapshot.pools);
	let free =
		rows -
		fixedLines -
		about -
		notes -
		header -
		sharedLines -
		locksLines -
		pool -
		(promptOpen ? 1 : 0);
	// In a small terminal the table and the bottom pane keep their least (a few rows each): the
	// preset's description gives up lines first, then the shared values, the locks, and the pools'
	// third lines (a failure, a death).
	const least = minimumTable + minimumBottom;
	const giveUp = (lines: number, floor: number): number => {
		const given = Math.max(0, Math.min(lines - floor, least - free));
		free += given;
		return lines - given;
	};
	about = giveUp(about, Math.min(about, 1));
	sharedLines = giveUp(sharedLines, Math.min(sharedLines, 2));
	locksLines = giveUp(locksLines, Math.min(locksLines, 2 + (hasCycle ? 1 : 0)));
	pool = giveUp(pool, Math.min(pool, 1 + 2 * snapshot.pools.length));
	const table = Math.max(minimumTable, Math.min(tableLines, Math.floor(free * 0.55)));
	return {
		about,
		table,
		shared: sharedLines,
		locks: locksLines,
		pool,
		bottom: Math.max(minimumBottom, free - table),
	};
}
