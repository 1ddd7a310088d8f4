// What every benchmark reports, and how `npm run bench` prints it: one row per figure, each beside
// its anchor measured in the same run, medians of several runs with their min–max, and the ratio.

/** Several measurements of one quantity. */
export type Sample = {
	readonly median: number;
	readonly min: number;
	readonly max: number;
	readonly runs: number;
};

/** Whether a larger figure is better (tasks/s) or a smaller one (ms, % CPU). */
export type Direction = 'higher' | 'lower';

/** One line of the table. */
export type BenchRow = {
	/** What is measured, as the issue names it. */
	readonly figure: string;
	/** ms, tasks/s, % of a core … */
	readonly unit: string;
	readonly direction: Direction;
	readonly procdash: Sample | undefined;
	/** What it is compared with, or undefined for an absolute goal. */
	readonly anchor?: {readonly name: string; readonly sample: Sample | undefined};
	/** `≤ 1.0×` (a ratio to the anchor) or `≤ 1 %` (an absolute bound), with its number. */
	readonly goal: {readonly text: string; readonly bound: number; readonly on: 'ratio' | 'value'};
	/** Why an anchor was skipped, how the figure was taken … */
	readonly notes?: readonly string[];
	/** A goal that must be met: `npm run bench -- --check` fails when it is not. */
	readonly must?: boolean;
};

/** Median, min and max of `values` (of at least one). */
export function sampleOf(values: readonly number[]): Sample {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	const median =
		sorted.length % 2 === 1
			? (sorted[middle] as number)
			: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
	return {
		median,
		min: sorted[0] ?? Number.NaN,
		max: sorted.at(-1) ?? Number.NaN,
		runs: sorted.length,
	};
}

/** The ratio of the medians, procdash over the anchor; undefined without both. */
export function ratioOf(row: BenchRow): number | undefined {
	const anchor = row.anchor?.sample;
	if (!row.procdash || !anchor || anchor.median === 0) return undefined;
	return row.procdash.median / anchor.median;
}

/** Whether the row meets its goal; undefined when it could not be judged (an anchor skipped). */
export function goalMet(row: BenchRow): boolean | undefined {
	const {goal, direction} = row;
	// A figure shown beside its anchor with no goal of its own.
	if (Number.isNaN(goal.bound)) return undefined;
	const value = goal.on === 'ratio' ? ratioOf(row) : row.procdash?.median;
	if (value === undefined) return undefined;
	return direction === 'higher' ? value >= goal.bound : value <= goal.bound;
}

/** A number in 3 significant digits with k / M for large rates. */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	const abs = Math.abs(value);
	if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)} M`;
	if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)} k`;
	if (abs >= 100) return value.toFixed(0);
	if (abs >= 10) return value.toFixed(1);
	return value.toFixed(2);
}

function formatSample(sample: Sample | undefined, unit: string): string {
	if (!sample) return 'skipped';
	return `${formatNumber(sample.median)} ${unit} (${formatNumber(sample.min)}–${formatNumber(sample.max)})`;
}

/** The table as markdown, one row per figure, then the notes. */
export function formatTable(rows: readonly BenchRow[]): string {
	const header =
		'| figure | procdash, median (min–max) | anchor, median (min–max) | ratio | goal | met |';
	const lines = [header, '|---|---|---|---|---|---|'];
	const notes: string[] = [];
	for (const row of rows) {
		const ratio = ratioOf(row);
		const met = goalMet(row);
		const anchor = row.anchor
			? `${row.anchor.name}: ${formatSample(row.anchor.sample, row.unit)}`
			: '—';
		lines.push(
			`| ${row.figure} | ${formatSample(row.procdash, row.unit)} | ${anchor} | ${
				ratio === undefined ? '—' : `${ratio.toFixed(2)}×`
			} | ${row.goal.text} | ${met === undefined ? '?' : met ? 'yes' : 'no'} |`,
		);
		for (const note of row.notes ?? []) notes.push(`- ${row.figure}: ${note}`);
	}
	return `${lines.join('\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/** Waits `ms` (benchmarks pace themselves; tests never do). */
export function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
