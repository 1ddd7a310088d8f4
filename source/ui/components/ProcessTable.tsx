import {Box, Text} from 'ink';
import type {DescendantRow, ProcessRow, ProcessState} from '../../core/snapshot.js';
import {cell, formatBytes, formatDuration, formatExitcode} from '../format.js';

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
};

const stateColor: Record<ProcessState, string | undefined> = {
	created: undefined,
	running: 'green',
	paused: 'yellow',
	exited: 'gray',
	failed: 'red',
};

const columns = [
	['NAME', 16, 'left'],
	['PID', 8, 'right'],
	['PPID', 8, 'right'],
	['STATE', 9, 'left'],
	['CPU%', 6, 'right'],
	['MEM', 9, 'right'],
	['UPTIME', 8, 'right'],
	['EXIT', 9, 'right'],
] as const;

const fixedWidth = columns.reduce((sum, [, width]) => sum + width + 1, 2);

type Line =
	| {readonly kind: 'process'; readonly row: ProcessRow}
	| {readonly kind: 'descendant'; readonly row: DescendantRow};

/** Our processes with their descendants under each, as table lines. */
function lines(processes: readonly ProcessRow[], descendants: readonly DescendantRow[]): Line[] {
	const result: Line[] = [];
	for (const row of processes) {
		result.push({kind: 'process', row});
		for (const descendant of descendants)
			if (descendant.rootId === row.id) result.push({kind: 'descendant', row: descendant});
	}
	return result;
}

/** The processes panel: one line per process, the selected one highlighted, scrolled to it. */
export function ProcessTable({processes, descendants, selectedId, now, width, height}: Props) {
	const all = lines(processes, descendants);
	const selectedIndex = all.findIndex(
		(line) => line.kind === 'process' && line.row.id === selectedId,
	);
	const visible = Math.max(1, height);
	const first = Math.min(
		Math.max(0, selectedIndex - visible + 1),
		Math.max(0, all.length - visible),
	);
	const shown = all.slice(first, first + visible);
	const targetWidth = Math.max(0, width - fixedWidth);
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>
				{'  '}
				{columns.map(([title, size, align]) => `${cell(title, size, align)} `).join('')}
				{cell('TARGET', targetWidth)}
			</Text>
			{all.length === 0 && <Text dimColor> no processes yet</Text>}
			{shown.map((line) =>
				line.kind === 'process' ? (
					<ProcessLine
						key={`p${line.row.id}`}
						row={line.row}
						selected={line.row.id === selectedId}
						now={now}
						targetWidth={targetWidth}
					/>
				) : (
					<DescendantLine key={`d${line.row.pid}`} row={line.row} targetWidth={targetWidth} />
				),
			)}
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
	readonly targetWidth: number;
};

function ProcessLine({row, selected, now, targetWidth}: ProcessLineProps) {
	const alive = row.state === 'running' || row.state === 'paused';
	const uptime = row.startedAt === undefined ? undefined : (row.endedAt ?? now) - row.startedAt;
	const values = [
		row.name,
		row.pid === undefined ? '' : String(row.pid),
		row.ppid === undefined ? '' : String(row.ppid),
		row.state,
		alive && row.cpu !== undefined ? row.cpu.toFixed(1) : '',
		alive ? formatBytes(row.memory) : '',
		formatDuration(uptime),
		row.error?.code === 'ENOENT' ? 'not found' : formatExitcode(row.exitcode),
	];
	return (
		<Text inverse={selected} wrap="truncate">
			{selected ? '› ' : '  '}
			{columns.map(([title, size, align], index) =>
				title === 'STATE' ? (
					<Text key={title} color={stateColor[row.state]}>
						{cell(values[index] ?? '', size, align)}{' '}
					</Text>
				) : (
					`${cell(values[index] ?? '', size, align)} `
				),
			)}
			<Text dimColor={!selected}>{cell(row.target, targetWidth)}</Text>
		</Text>
	);
}

function DescendantLine({
	row,
	targetWidth,
}: {
	readonly row: DescendantRow;
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
