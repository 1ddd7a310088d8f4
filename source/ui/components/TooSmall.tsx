import {Text} from 'ink';
import {wrapText} from '../format.js';
import {minimumSize} from '../layout.js';

type Props = {
	/** The terminal's columns now. */
	readonly columns: number;
	/** The terminal's rows now. */
	readonly rows: number;
};

/** What the dashboard shows instead of its panels in a terminal smaller than `minimumSize`. */
export function TooSmall({columns, rows}: Props) {
	const message = `procdash needs at least ${minimumSize.columns}×${minimumSize.rows}; this terminal is ${columns}×${rows}. Make it larger, or press q to quit.`;
	// Wrapped here, at spaces: Ink's own wrapping starts the next line with the space it broke at.
	return <Text color="yellow">{wrapText(message, Math.max(1, columns - 1)).join('\n')}</Text>;
}
