import {Box, Text} from 'ink';
import {memo} from 'react';
import type {
	DescendantRow,
	PoolRow,
	ProcessRow,
	ProcessState,
	Waits,
} from '../../core/snapshot/index.js';
import {
	cell,
	displayWidth,
	formatBytes,
	formatDuration,
	formatExitcode,
	lastColumns,
	sanitize,
} from '../format.js';
import {tableNoteLines} from '../layout.js';
import {type Column, columnsFor} from '../process-columns.js';
import {type RowNote, rowNote} from '../row-note.js';
import {isSelected, tableEntries} from '../table-entries.js';
import type {SortKey} from '../view-state.js';
import {ClockText} from './ClockText.js';

type Props = {
	/** The processes procdash started, in display order; the table applies `filter` itself. */
	readonly processes: readonly ProcessRow[];
	/** Their descendants procdash did not start, shown as a tree under their root. */
	readonly descendants: readonly DescendantRow[];
	/** The id of the highlighted process, or of the process the highlighted descendant is under. */
	readonly selectedId: number | undefined;
	/** The pid of the highlighted descendant, when the highlighted row is one. */
	readonly selectedPid?: number | undefined;
	/** The bus clock now, for countdowns, and for uptimes when there is no `clock`. */
	readonly now: number;
	/**
	 * The bus clock, read as each frame is drawn: uptimes follow it with no render of the rows
	 * (see ClockText). Without it, uptimes are as of `now`.
	 */
	readonly clock?: () => number;
	/** Columns available. */
	readonly width: number;
	/** Rows available for process lines, not counting the heading. */
	readonly height: number;
	/** Pools, whose workers are shown together under a line for their pool. */
	readonly pools?: readonly PoolRow[];
	/** The order chosen with `o`, said in the heading unless it is the order of starting. */
	readonly sort?: SortKey;
	/** The `/` filter: rows whose name (a descendant's: its command) hold it; said in the heading. */
	readonly filter?: string;
	/** Whether the arrows move the selection here (the heading is highlighted). */
	readonly focused?: boolean;
	/** What each process is blocked on, said in its row in place of its state. */
	readonly waits?: Waits;
	/** The ids of the processes marked with Space, shown with a • before the name. */
	readonly marked?: readonly number[];
};

const stateColor: Record<ProcessState, string | undefined> = {
	created: undefined,
	running: 'green',
	paused: 'yellow',
	exited: 'gray',
	failed: 'red',
};

const healthColor: Record<NonNullable<ProcessRow['health']>, string> = {
	starting: 'yellow',
	ready: 'green',
	unhealthy: 'red',
};

/** The processes panel: one line per process, the selected one highlighted, scrolled to it. */
export function ProcessTable({
	processes,
	descendants,
	selectedId,
	selectedPid,
	now,
	clock,
	width,
	height,
	pools = [],
	sort = 'started',
	filter = '',
	focused = true,
	waits,
	marked = [],
}: Props) {
	const all = tableEntries({processes, descendants, pools, filter});
	const selection = {id: selectedId, pid: selectedPid};
	const selectedIndex = all.findIndex((entry) => isSelected(entry, selection));
	// The chosen order and filter, when not the plain ones, take a line under the heading.
	const noteLines = tableNoteLines({sort, filter});
	const ordering = [
		filter ? `filter "${filter}" (Esc clears)` : '',
		sort === 'started' ? '' : `sorted by ${sort}`,
	]
		.filter(Boolean)
		.join(' · ');
	const room = height - noteLines;
	// When not every line fits, one of the rows says which are shown ("1–5 of 6").
	const visible = Math.max(1, all.length > room ? room - 1 : room);
	const first = Math.min(
		Math.max(0, selectedIndex - visible + 1),
		Math.max(0, all.length - visible),
	);
	const shown = all.slice(first, first + visible);
	const {columns, targetWidth} = columnsFor(width);
	// A supervised process that restarted is an older row with the name of a newer one.
	const newest = new Map<string, number>();
	for (const row of processes) newest.set(row.name, Math.max(row.id, newest.get(row.name) ?? 0));
	return (
		<Box flexDirection="column" width={width}>
			<Heading
				text={`  ${columns.map(([title, size, align]) => `${cell(title, size, align)} `).join('')}${cell('TARGET', targetWidth)}`}
				focused={focused}
			/>
			{noteLines > 0 && (
				<Text dimColor wrap="truncate">
					{'  '}
					{ordering}
				</Text>
			)}
			{all.length === 0 && (
				<Text dimColor>
					{' '}
					{filter ? `no process matches "${filter}" (Esc clears the filter)` : 'no processes yet'}
				</Text>
			)}
			{shown.map((entry) => {
				if (entry.kind === 'pool')
					return <PoolLine key={`pool${entry.pool.id}`} pool={entry.pool} />;
				const selected = isSelected(entry, selection);
				return entry.kind === 'process' ? (
					<ProcessLine
						key={`p${entry.row.id}`}
						row={entry.row}
						selected={selected}
						marked={marked.includes(entry.row.id)}
						clock={clock ?? (() => now)}
						note={rowNote(
							entry.row,
							now,
							(newest.get(entry.row.name) ?? 0) > entry.row.id,
							entry.row.pid === undefined
								? undefined
								: waits?.of({...entry.row, pid: entry.row.pid}),
						)}
						columns={columns}
						targetWidth={targetWidth}
						indent={entry.worker}
					/>
				) : (
					<DescendantLine
						key={`d${entry.row.pid}`}
						row={entry.row}
						depth={entry.depth}
						selected={selected}
						columns={columns}
						targetWidth={targetWidth}
					/>
				);
			})}
			{all.length > visible && (
				<Text dimColor>
					{'  '}
					{first + 1}–{first + shown.length} of {all.length}
				</Text>
			)}
		</Box>
	);
}

// The column titles: they render again when the width or the focus changes, not at each tick.
const Heading = memo(function Heading({
	text,
	focused,
}: {
	readonly text: string;
	readonly focused: boolean;
}) {
	return (
		<Text bold wrap="truncate" color={focused ? 'cyan' : undefined}>
			{text}
		</Text>
	);
});

type ProcessLineProps = {
	readonly row: ProcessRow;
	readonly selected: boolean;
	readonly marked: boolean;
	/** The bus clock, read as each frame is drawn, for the uptime of a process still running. */
	readonly clock: () => number;
	/** Said in place of the state and the figures after it: a countdown, a restart, giving up. */
	readonly note: RowNote | undefined;
	readonly columns: readonly Column[];
	readonly targetWidth: number;
	/** A pool worker: indented under its pool's line. */
	readonly indent: boolean;
};

function PoolLine({pool}: {readonly pool: PoolRow}) {
	const live = pool.workers.filter((worker) => worker.state !== 'gone').length;
	return (
		<Text dimColor wrap="truncate">
			{'  ▾ '}
			<Text bold>{pool.name}</Text> · {live} of {pool.processes} workers live · {pool.state}
		</Text>
	);
}

// A process a program reported is named `app.js · Process-1`: where that is too wide, its end
// tells the rows apart, not the program's name they all begin with.
function shownName(row: ProcessRow, width: number): string {
	if (row.program === undefined || displayWidth(row.name) <= width) return row.name;
	return `…${lastColumns(row.name, width - 1)}`;
}

// The columns a note takes the place of: the state and the figures that mean little meanwhile.
const noted = new Set(['STATE', 'CPU%', 'MEM', 'UPTIME']);

// A row renders again when what it shows changes, not at each tick of the clock.
const ProcessLine = memo(ProcessLineOf, (before, after) => {
	const {note: noteBefore, ...restBefore} = before;
	const {note: noteAfter, ...restAfter} = after;
	return (
		noteBefore?.text === noteAfter?.text &&
		noteBefore?.color === noteAfter?.color &&
		(Object.keys(restAfter) as (keyof typeof restAfter)[]).every(
			(key) => restBefore[key] === restAfter[key],
		)
	);
});

function ProcessLineOf({
	row,
	selected,
	marked,
	clock,
	note,
	columns,
	targetWidth,
	indent,
}: ProcessLineProps) {
	const alive = row.state === 'running' || row.state === 'paused';
	const {startedAt, endedAt} = row;
	const nameWidth = (columns.find(([title]) => title === 'NAME')?.[1] ?? 0) - (indent ? 2 : 0);
	const values: Record<string, string> = {
		NAME: `${indent ? '  ' : ''}${shownName(row, nameWidth)}`,
		PID: row.pid === undefined ? '' : String(row.pid),
		PPID: row.ppid === undefined ? '' : String(row.ppid),
		// A probed process says how its probes find it while it runs.
		STATE: row.state === 'running' && row.health ? row.health : row.state,
		'CPU%': alive && row.cpu !== undefined ? row.cpu.toFixed(1) : '',
		MEM: alive ? formatBytes(row.memory) : '',
		UPTIME: formatDuration(startedAt === undefined ? undefined : (endedAt ?? clock()) - startedAt),
		EXIT: row.error?.code === 'ENOENT' ? 'not found' : formatExitcode(row.exitcode),
	};
	const text = ([title, size, align]: Column) => `${cell(values[title] ?? '', size, align)} `;
	const uptimeColumn = columns.find(([title]) => title === 'UPTIME') as Column;
	// While the process runs, its uptime is worked out as each frame is drawn.
	const uptimeText = () =>
		startedAt !== undefined && endedAt === undefined ? (
			<ClockText
				text={() =>
					`${cell(formatDuration(clock() - startedAt), uptimeColumn[1], uptimeColumn[2])} `
				}
				blank={' '.repeat(uptimeColumn[1] + 1)}
			/>
		) : (
			text(uptimeColumn)
		);
	const before = columns.slice(
		0,
		columns.findIndex(([title]) => title === 'STATE'),
	);
	const after = columns.slice(columns.findIndex(([title]) => title === 'UPTIME') + 1);
	const spanned = columns.filter(([title]) => noted.has(title));
	const noteWidth = spanned.reduce((sum, [, size]) => sum + size + 1, -1);
	// Three texts a row, the fewest Ink can lay out and draw: what changes with an event, the
	// uptime (which changes every second: a text of its own, so that the rest of the line stays the
	// same string from frame to frame and Ink finds it already measured, see line-cache.ts), and
	// the columns after it.
	return (
		<Box>
			<Text inverse={selected} wrap="truncate">
				{selected ? '›' : ' '}
				{marked ? '•' : ' '}
				{before.map(text).join('')}
				{note ? (
					<Text color={note.color}>{cell(note.text, noteWidth)} </Text>
				) : (
					<>
						<Text
							color={
								row.state === 'running' && row.health
									? healthColor[row.health]
									: stateColor[row.state]
							}
						>
							{text(spanned[0] as Column)}
						</Text>
						{spanned.slice(1, -1).map(text).join('')}
					</>
				)}
			</Text>
			{!note && <Text inverse={selected}>{uptimeText()}</Text>}
			<Text inverse={selected} wrap="truncate">
				{after.map(text).join('')}
				<Text dimColor={!selected}>{cell(sanitize(row.target), targetWidth)}</Text>
			</Text>
		</Box>
	);
}

type DescendantLineProps = {
	readonly row: DescendantRow;
	/** 1 for a child of a process procdash started, 2 for its grandchild, … */
	readonly depth: number;
	readonly selected: boolean;
	readonly columns: readonly Column[];
	readonly targetWidth: number;
};

function DescendantLine({row, depth, selected, columns, targetWidth}: DescendantLineProps) {
	const values = [
		`${'  '.repeat(depth - 1)}└ ${row.command}`,
		String(row.pid),
		String(row.ppid),
		row.stopped ? 'paused' : 'child',
		row.cpu.toFixed(1),
		formatBytes(row.memory),
		'',
		'',
	];
	return (
		<Text dimColor={!selected} inverse={selected} wrap="truncate">
			{selected ? '› ' : '  '}
			{columns
				.map(([, size, align], index) => `${cell(values[index] ?? '', size, align)} `)
				.join('')}
			{cell('', targetWidth)}
		</Text>
	);
}
