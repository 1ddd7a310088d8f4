import {Box, Text} from 'ink';
import {cell} from '../format.js';

type Props = {
	/** The presets, as the registry lists them. */
	readonly presets: readonly {readonly name: string; readonly description: string}[];
	/** Index of the highlighted preset. */
	readonly selected: number;
	readonly width: number;
};

/** The `s` menu: presets with their one-line descriptions; Enter starts one, Esc closes. */
export function PresetMenu({presets, selected, width}: Props) {
	const nameWidth = Math.max(...presets.map((preset) => preset.name.length)) + 2;
	return (
		<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
			<Text bold>Start a preset</Text>
			{presets.map((preset, index) => (
				<Text key={preset.name} inverse={index === selected} wrap="truncate">
					{index === selected ? '› ' : '  '}
					<Text bold>{cell(preset.name, nameWidth)}</Text>
					{preset.description}
				</Text>
			))}
			<Text dimColor>↑/↓ choose · Enter start · Esc close</Text>
		</Box>
	);
}
