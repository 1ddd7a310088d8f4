import {Box, Text} from 'ink';
import type {DescendantRow, PoolRow, ProcessRow, ProcessState} from '../../core/snapshot/index.js';
import {cell, formatBytes, formatDuration, formatExitcode, sanitize} from '../format.js';
import {tableNoteLines} from '../layout.js';
import {orderByPool, poolsByWorker} from '../pool-labels.js';
import type {SortKey} from '../view-state.js';

type Props = {
	/** The processes procdash started, in display order. */
	readonly processes: readonly ProcessRow[];
	/** Their descendants procdash did not start, shown indented under their root. */
	readonly descendants: readonly DescendantRow[];
	/** The id of the highlighted row. */
	readonly selectedId: number | undefined;
	/** The bus clock now, for uptimes. */
	readonly now: number;
	/** Columns available. */
	readonly width: number;
	/** Rows available for process lines, not counting the heading. */
	readonly height: number;
	/** Pools, whose workers are shown together under a line for their pool. */
	readonly pools?: readonly PoolRow[];
	/** The order chosen with `o`, said in the heading unless it is the order of starting. */
	readonly sort?: SortKey;
	/** The `/` filter, said in the heading while set. */
	readonly filter?: string;
	/** Whether the arrows move the selection here (the heading is highlighted). */
	readonly focused?: boolean;
};

const stateColor: Record<ProcessState, string | undefined> = {
	created: undefined,
	running: 'green',
	paused: 'yellow',
	exited: 'gray',
	failed: 'red',
};

type Column = readonly [title: string, width: number, align: 'left' | 'right'];

// Two sets of widths: compact from 80 columns, roomier from 110. TARGET takes what is left.
const compact: readonly Column[] = [
	['NAME', 14, 'left'],
	['PID', 7, 'right'],
	['PPID', 7, 'right'],
	['STATE', 8, 'left'],
	['CPU%', 5, 'right'],
	['MEM', 8, 'right'],
	['UPTIME', 6, 'right'],
	['EXIT', 9, 'right'],
];
const roomy: readonly Column[] = [
	['NAME', 18, 'left'],
	['PID', 8, 'right'],
	['PPID', 8, 'right'],
	['STATE', 9, 'left'],
	['CPU%', 6, 'right'],
	['MEM', 9, 'right'],
	['UPTIME', 8, 'right'],
	['EXIT', 10, 'right'],
];

/** The columns that fit `width`, and what is left for TARGET. */
function columnsFor(width: number): {columns: readonly Column[]; targetWidth: number} {
	const columns = width >= 110 ? roomy : compact;
	const fixed = columns.reduce((sum, [, size]) => sum + size + 1, 2);
	return {columns, targetWidth: Math.max(0, width - fixed)};
}

type Line =
	| {readonly kind: 'process'; readonly row: ProcessRow; readonly worker?: boolean}
	| {readonly kind: 'descendant'; readonly row: DescendantRow}
	| {readonly kind: 'pool'; readonly pool: PoolRow};

/** Our processes with their descendants under each, and pool workers under their pool. */
function lines(
	processes: readonly ProcessRow[],
	descendants: readonly DescendantRow[],
	pools: readonly PoolRow[],
): Line[] {
	const result: Line[] = [];
	const byWorker = poolsByWorker(pools);
	const headed = new Set<number>();
	for (const row of orderByPool(processes, pools)) {
		const pool = byWorker.get(row.id);
		if (pool && !headed.has(pool.id)) {
			headed.add(pool.id);
			result.push({kind: 'pool', pool});
		}
		result.push({kind: 'process', row, worker: pool !== undefined});
		for (const descendant of descendants)
			if (descendant.rootId === row.id) result.push({kind: 'descendant', row: descendant});
	}
	return result;
}

/** The processes panel: one line per process, the selected one highlighted, scrolled to it. */
export function ProcessTable({
	processes,
	descendants,
	selectedId,
	now,
	width,
	height,
	pools = [],
	sort = 'started',
	filter = '',
	focused = true,
}: Props) {
	const all = lines(processes, descendants, pools);
	const selectedIndex = all.findIndex(
		(line) => line.kind === 'process' && line.row.id === selectedId,
	);
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
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate" color={focused ? 'cyan' : undefined}>
				{'  '}
				{columns.map(([title, size, align]) => `${cell(title, size, align)} `).join('')}
				{cell('TARGET', targetWidth)}
			</Text>
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
			{shown.map((line) => {
				if (line.kind === 'pool') return <PoolLine key={`pool${line.pool.id}`} pool={line.pool} />;
				return line.kind === 'process' ? (
					<ProcessLine
						key={`p${line.row.id}`}
						row={line.row}
						selected={line.row.id === selectedId}
						now={now}
						columns={columns}
						targetWidth={targetWidth}
						indent={line.worker === true}
					/>
				) : (
					<DescendantLine
						key={`d${line.row.pid}`}
						row={line.row}
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

type ProcessLineProps = {
	readonly row: ProcessRow;
	readonly selected: boolean;
	readonly now: number;
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

function ProcessLine({row, selected, now, columns, targetWidth, indent}: ProcessLineProps) {
	const alive = row.state === 'running' || row.state === 'paused';
	const uptime = row.startedAt === undefined ? undefined : (row.endedAt ?? now) - row.startedAt;
	const values = [
		indent ? `  ${row.name}` : row.name,
		row.pid === undefined ? '' : String(row.pid),
		row.ppid === undefined ? '' : String(row.ppid),
		row.state,
		alive && row.cpu !== undefined ? row.cpu.toFixed(1) : '',
		alive ? formatBytes(row.memory) : '',
		formatDuration(uptime),
		row.error?.code === 'ENOENT' ? 'not found' : formatExitcode(row.exitcode),
	];
	const cells = columns.map(([title, size, align], index) =>
		title === 'STATE' ? (
			<Text key={title} color={stateColor[row.state]}>
				{cell(values[index] ?? '', size, align)}{' '}
			</Text>
		) : (
			`${cell(values[index] ?? '', size, align)} `
		),
	);
	// The uptime, which changes every second, is a Text of its own: the rest of the line stays the
	// same string from frame to frame, so Ink finds it already measured (see line-cache.ts).
	const uptimeAt = columns.findIndex(([title]) => title === 'UPTIME');
	return (
		<Box>
			<Text inverse={selected} wrap="truncate">
				{selected ? '› ' : '  '}
				{cells.slice(0, uptimeAt)}
			</Text>
			<Text inverse={selected}>{cells[uptimeAt]}</Text>
			<Text inverse={selected} wrap="truncate">
				{cells.slice(uptimeAt + 1)}
				<Text dimColor={!selected}>{cell(sanitize(row.target), targetWidth)}</Text>
			</Text>
		</Box>
	);
}

function DescendantLine({
	row,
	columns,
	targetWidth,
}: {
	readonly row: DescendantRow;
	readonly columns: readonly Column[];
	readonly targetWidth: number;
}) {
	const values = [
		`└ ${row.command}`,
		String(row.pid),
		String(row.ppid),
		'child',
		row.cpu.toFixed(1),
		formatBytes(row.memory),
		'',
		'',
	];
	return (
		<Text dimColor wrap="truncate">
			{'  '}
			{columns
				.map(([, size, align], index) => `${cell(values[index] ?? '', size, align)} `)
				.join('')}
			{cell('', targetWidth)}
		</Text>
	);
}
