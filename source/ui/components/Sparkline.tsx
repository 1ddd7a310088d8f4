import {Text} from 'ink';

type Props = {
	/** The points, oldest first. */
	readonly points: readonly number[];
	/** How many columns to fill; the newest points are kept. */
	readonly width: number;
	readonly color?: string;
	/**
	 * The value drawn as the lowest bar (0 for a queue depth); the points' minimum when omitted.
	 * Above it, a point never draws as the lowest bar, so a queue of 1 does not look empty.
	 */
	readonly min?: number;
};

const bars = '▁▂▃▄▅▆▇█';

/** A one-line chart of recent values, scaled between their minimum (or `min`) and maximum. */
export function Sparkline({points, width, color, min}: Props) {
	return <Text color={color}>{sparkline(points, width, min)}</Text>;
}

/** The sparkline as text, for places that compose their own line. */
export function sparkline(points: readonly number[], width: number, floor?: number): string {
	const shown = points.slice(-Math.max(0, width));
	if (shown.length === 0) return '';
	const finite = shown.filter(Number.isFinite);
	const min = floor ?? Math.min(...finite);
	const max = Math.max(...finite);
	const span = max - min;
	return shown
		.map((point) => {
			if (!Number.isFinite(point)) return ' ';
			const level = span <= 0 ? 0 : Math.round(((point - min) / span) * (bars.length - 1));
			return bars[floor !== undefined && point > floor ? Math.max(1, level) : level];
		})
		.join('')
		.padEnd(width);
}
