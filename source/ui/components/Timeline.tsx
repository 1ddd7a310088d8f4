import {Box, Text} from 'ink';
import {memo} from 'react';
import {formatElapsed, truncate} from '../format.js';
import type {TimelineEntry} from '../hooks/use-timeline.js';

type Props = {
	/** Entries to show, oldest first; only the last `height` fit. */
	readonly entries: readonly TimelineEntry[];
	readonly width: number;
	readonly height: number;
};

const toneColor: Record<TimelineEntry['tone'], string | undefined> = {
	normal: undefined,
	good: 'green',
	bad: 'red',
	output: undefined,
	'error-output': 'yellow',
};

/**
 * The event pane: who started, printed, was signalled and exited, newest at the bottom. It renders
 * again when an entry comes or its size changes, not with the rest of the dashboard.
 */
export const Timeline = memo(function Timeline({entries, width, height}: Props) {
	const shown = entries.slice(-Math.max(1, height));
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>Events</Text>
			{shown.length === 0 && <Text dimColor> nothing yet</Text>}
			{shown.map((entry) => (
				<Text key={entry.seq} wrap="truncate">
					<Text dimColor>{formatElapsed(entry.at)} </Text>
					<Text color={toneColor[entry.tone]} dimColor={entry.tone === 'output'}>
						{truncate(entry.text, width - 10)}
					</Text>
				</Text>
			))}
		</Box>
	);
});
