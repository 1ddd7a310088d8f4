import {Text} from 'ink';
import {minimumSize} from '../layout.js';

type Props = {
	/** The terminal's columns now. */
	readonly columns: number;
	/** The terminal's rows now. */
	readonly rows: number;
};

/** What the dashboard shows instead of its panels in a terminal smaller than `minimumSize`. */
export function TooSmall({columns, rows}: Props) {
	return (
		<Text color="yellow">
			procdash needs at least {minimumSize.columns}×{minimumSize.rows}; this terminal is {columns}×
			{rows}. Make it larger, or press q to quit.
		</Text>
	);
}
