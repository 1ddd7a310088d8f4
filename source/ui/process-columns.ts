/** A column of the process table: its title, its width and its alignment. */
export type Column = readonly [title: string, width: number, align: 'left' | 'right'];

// Two sets of widths: compact from 80 columns, roomier from 110. TARGET takes what is left.
const compact: readonly Column[] = [
	['NAME', 13, 'left'],
	['PID', 7, 'right'],
	['PPID', 7, 'right'],
	['STATE', 9, 'left'],
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
export function columnsFor(width: number): {columns: readonly Column[]; targetWidth: number} {
	const columns = width >= 110 ? roomy : compact;
	const fixed = columns.reduce((sum, [, size]) => sum + size + 1, 2);
	return {columns, targetWidth: Math.max(0, width - fixed)};
}
