import {Box, Text} from 'ink';
import {memo} from 'react';
import {displayWidth} from '../format.js';

type Props = {
	/** The keys that work right now, as [key, what it does]. */
	readonly keys: readonly (readonly [string, string])[];
	/** A one-line message: what the last key did, or why it did nothing. */
	readonly message: string | undefined;
	readonly width: number;
};

// The keys a narrow footer keeps whatever else it drops: the help that lists the rest, and the way out.
const kept = new Set(['?', 'q', 'Ctrl-C']);

/** The width of `keys` as the footer lays them out: `key action`, two spaces between. */
function widthOf(keys: readonly (readonly [string, string])[]): number {
	return keys.reduce(
		(sum, [key, action], index) =>
			sum + (index > 0 ? 2 : 0) + displayWidth(key) + 1 + displayWidth(action),
		0,
	);
}

/** `keys` that fit `width`: others are dropped from the end until they do, `?` and `q` never. */
export function fittingKeys(
	keys: readonly (readonly [string, string])[],
	width: number,
): (readonly [string, string])[] {
	const fitting = [...keys];
	for (let index = fitting.length - 1; index >= 0 && widthOf(fitting) > width; index--)
		if (!kept.has(fitting[index]?.[0] ?? '')) fitting.splice(index, 1);
	return fitting;
}

// The same keys, key for key: App works them out anew at each render.
function sameKeys(a: Props['keys'], b: Props['keys']): boolean {
	return (
		a.length === b.length &&
		a.every(([key, action], index) => key === b[index]?.[0] && action === b[index]?.[1])
	);
}

/**
 * The bottom lines: the answer to the last key pressed, and the keys that work now. Its 40-odd
 * texts render again only when these change, not at each tick of the clock.
 */
export const Footer = memo(
	FooterOf,
	(before, after) =>
		before.message === after.message &&
		before.width === after.width &&
		sameKeys(before.keys, after.keys),
);

function FooterOf({keys, message, width}: Props) {
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">{message ? <Text color="yellow">{message}</Text> : ' '}</Text>
			<Text wrap="truncate">
				{fittingKeys(keys, width).map(([key, action], index) => (
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
