import {Box, Text} from 'ink';
import {cell, displayWidth} from '../format.js';

type Props = {
	/** The keys, as [key, what it does]. */
	readonly keys: readonly (readonly [string, string])[];
	readonly width: number;
};

/**
 * The `?` screen: every key and what it does, one line each (cut, never wrapped, never squeezed
 * out). Any key closes it.
 */
export function HelpOverlay({keys, width}: Props) {
	const keyWidth = Math.max(...keys.map(([key]) => displayWidth(key))) + 2;
	return (
		<Box flexDirection="column" flexShrink={0} width={width} borderStyle="round" paddingX={1}>
			<Text bold>Keys</Text>
			{keys.map(([key, action]) => (
				<Text key={key} wrap="truncate-end">
					<Text bold color="cyan">
						{cell(key, keyWidth)}
					</Text>
					{action}
				</Text>
			))}
			<Text dimColor>press any key to close</Text>
		</Box>
	);
}
