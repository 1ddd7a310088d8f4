import {Box, Text} from 'ink';

type Props = {
	/** The keys that work right now, as [key, what it does]. */
	readonly keys: readonly (readonly [string, string])[];
	/** A one-line message: what the last key did, or why it did nothing. */
	readonly message: string | undefined;
	readonly width: number;
};

/** The bottom line: the keys that work now, and the answer to the last one pressed. */
export function Footer({keys, message, width}: Props) {
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">{message ? <Text color="yellow">{message}</Text> : ' '}</Text>
			<Text wrap="truncate">
				{keys.map(([key, action], index) => (
					<Text key={key}>
						{index > 0 ? '  ' : ''}
						<Text bold color="cyan">
							{key}
						</Text>{' '}
						<Text dimColor>{action}</Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}
