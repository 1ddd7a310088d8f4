import {Box, Text} from 'ink';
import type {PresetChoice} from '../controller.js';
import {cell, displayWidth, truncate} from '../format.js';

type Props = {
	/** The presets to choose from, in menu order. */
	readonly presets: readonly PresetChoice[];
	/** The highlighted preset. */
	readonly index: number;
	readonly width: number;
	/** Rows available, borders included. */
	readonly height: number;
};

/** The preset menu that `s` opens: each preset with its one line, the highlighted one marked. */
export function PresetMenu({presets, index, width, height}: Props) {
	const nameWidth = Math.max(...presets.map((preset) => displayWidth(preset.name)));
	const visible = Math.max(1, height - 3);
	const first = Math.min(Math.max(0, index - visible + 1), Math.max(0, presets.length - visible));
	return (
		<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
			<Text bold>Presets — ↑/↓ choose, enter play, esc close</Text>
			{presets.slice(first, first + visible).map((preset, offset) => {
				const selected = first + offset === index;
				return (
					<Text key={preset.name} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						<Text bold>{cell(preset.name, nameWidth)}</Text>
						{'  '}
						{truncate(preset.description, Math.max(0, width - nameWidth - 10))}
					</Text>
				);
			})}
		</Box>
	);
}
