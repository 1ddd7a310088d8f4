import {Text} from 'ink';
import {displayWidth, lastColumns, truncate} from '../format.js';
import {characterAt} from '../line-edit.js';

type Props = {
	/** What is asked, before the text. */
	readonly label: string;
	/** What has been typed so far. */
	readonly value: string;
	/** Where the cursor stands in `value` (see line-edit.ts); at its end when not given. */
	readonly cursor?: number;
	/** A hint shown after the cursor while nothing is typed. */
	readonly placeholder?: string;
	readonly width: number;
};

/**
 * A one-line text field: the label, what was typed, and a block cursor on the character it
 * stands on (a blank past the end). A line too long for the field shows the part around the
 * cursor. Keys are read by the keymap.
 */
export function TextPrompt({label, value, cursor = value.length, placeholder, width}: Props) {
	const room = Math.max(0, width - displayWidth(label) - 2);
	const under = characterAt(value, cursor) ?? ' ';
	const before = lastColumns(value.slice(0, cursor), Math.max(0, room - displayWidth(under)));
	const after = truncate(
		value.slice(cursor + (cursor < value.length ? under.length : 0)),
		room - displayWidth(before) - displayWidth(under),
	);
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				{label}
			</Text>{' '}
			{before}
			<Text inverse>{under}</Text>
			{after}
			{value === '' && placeholder ? <Text dimColor> {placeholder}</Text> : null}
		</Text>
	);
}
