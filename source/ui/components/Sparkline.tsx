import {Text} from 'ink';

type Props = {
	/** The series, oldest first; only the last `width` are drawn. */
	readonly values: readonly number[];
	/** Columns to fill; the series is right-aligned in them. */
	readonly width: number;
	/** The value drawn as a full bar; the series' highest when omitted. */
	readonly max?: number;
	/** The bars' color. */
	readonly color?: string;
};

const bars = '▁▂▃▄▅▆▇█';

/** The characters of a sparkline: zero is the lowest bar, `max` the full one. */
export function sparkline(values: readonly number[], width: number, max?: number): string {
	const shown = values.slice(-Math.max(0, width));
	const top = Math.max(1, max ?? Math.max(0, ...shown));
	const line = shown
		.map((value) => {
			if (value <= 0) return bars[0];
			// Anything above zero gets at least the second bar, so a queue of 1 is not mistaken for empty.
			const level = 1 + Math.round((Math.min(value, top) / top) * (bars.length - 2));
			return bars[level];
		})
		.join('');
	return line.padStart(Math.max(0, width));
}

/** A one-line chart of a series, such as a pool's queue depth over time. */
export function Sparkline({values, width, max, color}: Props) {
	return <Text color={color}>{sparkline(values, width, max)}</Text>;
}
