import {Box, Text} from 'ink';
import type {LogLine} from '../../core/snapshot/index.js';
import {formatElapsed, sanitize, truncate} from '../format.js';

type Props = {
	/** Whose output this is, for the title. */
	readonly name: string;
	/** The kept lines, oldest first. */
	readonly lines: readonly LogLine[];
	/** Lines printed in all, including those the ring buffer no longer keeps. */
	readonly total: number;
	/** How many lines up from the newest the view is scrolled; 0 follows the output. */
	readonly scroll: number;
	readonly width: number;
	/** Lines available for output, not counting the title. */
	readonly height: number;
	/** Whether the pane has the keyboard (its title is highlighted). */
	readonly focused: boolean;
};

/**
 * One process's stdout and stderr (stderr marked), newest at the bottom, scrollable; a line that
 * came in pieces (each at most 16 KiB) has each piece but the last marked with a dim ↩.
 */
export function LogPane({name, lines, total, scroll, width, height, focused}: Props) {
	const visible = Math.max(1, height);
	const end = Math.max(0, lines.length - scroll);
	const shown = lines.slice(Math.max(0, end - visible), end);
	const dropped = total - lines.length;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold inverse={focused}>
				{` Log: ${name} `}
				<Text dimColor>
					{total} lines{dropped > 0 ? `, oldest ${dropped} dropped` : ''}
					{scroll > 0 ? `, scrolled up ${scroll}` : ''}
				</Text>
			</Text>
			{shown.length === 0 && <Text dimColor> no output yet</Text>}
			{shown.map((line) => (
				<Text key={line.seq} wrap="truncate">
					<Text dimColor>{formatElapsed(line.at)} </Text>
					{line.stream === 'stderr' ? <Text color="yellow">! </Text> : '  '}
					{/* A piece of a line cut at 16 KiB ends with ↩: the next piece is the same line. */}
					{truncate(sanitize(line.text), width - (line.continues ? 14 : 12))}
					{line.continues && <Text dimColor> ↩</Text>}
				</Text>
			))}
		</Box>
	);
}
