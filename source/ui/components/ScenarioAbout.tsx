import {Box, Text} from 'ink';
import {memo} from 'react';
import type {Snapshot} from '../../core/snapshot/index.js';
import {truncate, wrapText} from '../format.js';

type Props = {
	/** The preset playing or played, if any. */
	readonly scenario: Snapshot['scenario'];
	/** Lines for its description, which gives up lines first in a small terminal. */
	readonly height: number;
	/** Columns available. */
	readonly width: number;
};

/**
 * Under the header while a preset plays: what to watch for, and once it ends, whether it passed.
 * It renders again when the preset's state or the room changes, not at each tick of the clock.
 */
export const ScenarioAbout = memo(function ScenarioAbout({scenario, height, width}: Props) {
	if (!scenario) return null;
	const lines = wrapText(scenario.about, width);
	const shown = lines.slice(0, height);
	// A description cut short says so at the end of its last line.
	if (lines.length > shown.length && shown.length > 0)
		shown[shown.length - 1] = truncate(`${shown.at(-1)} …`, width);
	return (
		<>
			<Box height={height} width={width} overflow="hidden">
				{/* Lines already fit the width: Ink's own wrapping, which starts lines with a space, has nothing to do. */}
				<Text dimColor>{shown.join('\n')}</Text>
			</Box>
			{scenario.state !== 'running' && (
				<Text color={scenario.state === 'passed' ? 'green' : 'red'} wrap="truncate">
					{scenario.state === 'passed' ? '✓ ' : '✗ '}
					{scenario.notes[0]}
				</Text>
			)}
		</>
	);
});
