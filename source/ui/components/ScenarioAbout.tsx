import {Box, Text} from 'ink';
import type {Snapshot} from '../../core/snapshot/index.js';

type Props = {
	/** The preset playing or played, if any. */
	readonly scenario: Snapshot['scenario'];
	/** Lines for its description, which gives up lines first in a small terminal. */
	readonly height: number;
	/** Columns available. */
	readonly width: number;
};

/** Under the header while a preset plays: what to watch for, and once it ends, whether it passed. */
export function ScenarioAbout({scenario, height, width}: Props) {
	if (!scenario) return null;
	return (
		<>
			<Box height={height} width={width} overflow="hidden">
				<Text dimColor wrap="wrap">
					{scenario.about}
				</Text>
			</Box>
			{scenario.state !== 'running' && (
				<Text color={scenario.state === 'passed' ? 'green' : 'red'} wrap="truncate">
					{scenario.state === 'passed' ? '✓ ' : '✗ '}
					{scenario.notes[0]}
				</Text>
			)}
		</>
	);
}
