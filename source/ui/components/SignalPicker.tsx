import {Text} from 'ink';
import {pickerSignals} from '../signal-picker.js';

type Props = {
	/** Who gets the signal, in words: the selected process, or how many marked ones. */
	readonly target: string;
	/** The signal pointed at, as an index of `pickerSignals`. */
	readonly index: number;
};

/** The one-line signal picker `S` opens: the signals, the one pointed at highlighted. */
export function SignalPicker({target, index}: Props) {
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				signal to {target}:
			</Text>
			{pickerSignals.map((name, at) => (
				<Text key={name}>
					{' '}
					<Text inverse={at === index}>{name}</Text>
				</Text>
			))}
		</Text>
	);
}
