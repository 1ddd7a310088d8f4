import {Box, Text} from 'ink';
import type {LogLine} from '../../core/snapshot/index.js';
import {formatElapsed, sanitize, truncate} from '../format.js';
import {currentMatch, lineMatches} from '../log-search.js';

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
	/** What the log is searched for ('' for nothing): matches are highlighted, and counted. */
	readonly search?: string;
	/** The `seq` of the current match's line (n / N move it); the newest match when undefined. */
	readonly matchSeq?: number | undefined;
	/** The wall-clock time (ms since the epoch) of `at` 0, to show lines' times of day; elapsed when undefined. */
	readonly wallClockAt?: number | undefined;
};

/**
 * One process's stdout and stderr (stderr marked), newest at the bottom, scrollable; a line that
 * came in pieces (each at most 16 KiB) has each piece but the last marked with a dim ↩. A search
 * highlights what matches, marks the current match's line with ▶, and says "3 of 17" in the title.
 */
export function LogPane({
	name,
	lines,
	total,
	scroll,
	width,
	height,
	focused,
	search = '',
	matchSeq,
	wallClockAt,
}: Props) {
	const visible = Math.max(1, height);
	const end = Math.max(0, lines.length - scroll);
	const shown = lines.slice(Math.max(0, end - visible), end);
	const dropped = total - lines.length;
	const match = currentMatch(lines, search, matchSeq);
	const time = (at: number) =>
		wallClockAt === undefined ? formatElapsed(at) : formatTimeOfDay(wallClockAt + at);
	const timeWidth = wallClockAt === undefined ? 9 : 13;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold inverse={focused} wrap="truncate">
				{` Log: ${name} `}
				<Text dimColor>
					{total} lines{dropped > 0 ? `, oldest ${dropped} dropped` : ''}
					{scroll > 0 ? `, scrolled up ${scroll}` : ''}
				</Text>
				{search !== '' && (
					<Text color="yellow">
						{` /${search}: ${match ? `${match.position} of ${match.count}` : 'no match'}`}
					</Text>
				)}
			</Text>
			{shown.length === 0 && <Text dimColor> no output yet</Text>}
			{shown.map((line) => (
				<Text key={line.seq} wrap="truncate">
					<Text dimColor>{time(line.at)} </Text>
					{line.seq === match?.seq ? (
						<Text color="yellow">▶ </Text>
					) : line.stream === 'stderr' ? (
						<Text color="yellow">! </Text>
					) : (
						'  '
					)}
					{/* A piece of a line cut at 16 KiB ends with ↩: the next piece is the same line. */}
					<Highlighted
						text={truncate(sanitize(line.text), width - timeWidth - (line.continues ? 5 : 3))}
						search={search}
					/>
					{line.continues && <Text dimColor> ↩</Text>}
				</Text>
			))}
		</Box>
	);
}

// `text` with each occurrence of `search` (ignoring case) highlighted.
function Highlighted({text, search}: {readonly text: string; readonly search: string}) {
	if (!lineMatches(text, search)) return <>{text}</>;
	const parts: {text: string; hit: boolean}[] = [];
	const lower = text.toLowerCase();
	const needle = search.toLowerCase();
	let from = 0;
	for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
		if (at > from) parts.push({text: text.slice(from, at), hit: false});
		parts.push({text: text.slice(at, at + needle.length), hit: true});
		from = at + needle.length;
	}
	if (from < text.length) parts.push({text: text.slice(from), hit: false});
	return (
		<>
			{parts.map((part, index) =>
				part.hit ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: the parts of one line, in order, never reordered
					<Text key={index} backgroundColor="yellow" color="black">
						{part.text}
					</Text>
				) : (
					// biome-ignore lint/suspicious/noArrayIndexKey: as above
					<Text key={index}>{part.text}</Text>
				),
			)}
		</>
	);
}

// A wall-clock time of day, local, to the millisecond: 14:03:07.250.
function formatTimeOfDay(ms: number): string {
	const date = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
