import {Text} from 'ink';
import {displayWidth, lastColumns} from '../format.js';

type Props = {
	/** What is asked, before the text. */
	readonly label: string;
	/** What has been typed so far. */
	readonly value: string;
	/** A hint shown after the cursor while nothing is typed. */
	readonly placeholder?: string;
	readonly width: number;
};

/** A one-line text field: the label, what was typed, and a block cursor. Keys are read by the keymap. */
export function TextPrompt({label, value, placeholder, width}: Props) {
	const room = Math.max(0, width - displayWidth(label) - 3);
	const shown = lastColumns(value, room);
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				{label}
			</Text>{' '}
			{shown}
			<Text inverse> </Text>
			{value === '' && placeholder ? <Text dimColor> {placeholder}</Text> : null}
		</Text>
	);
}
