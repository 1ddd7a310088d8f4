import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {flushKeys, type Keypress, splitKeys} from '../terminal/keypresses.js';

// How long a lone ESC waits for the rest of a sequence before it counts as the Escape key: a
// sequence cut between two reads (a slow link) is still one key, and Esc stays quick to a person.
const escapeWaitMs = 50;

/**
 * Calls `onKeys` with the keys of each piece of input, every key in order (see splitKeys). Ink's
 * useInput hands a piece as one key, so that ↓↓↓ sent in one write moved one row and two
 * Backspaces erased nothing; and it reports Backspace and Delete alike. Raw mode is Ink's: this
 * asks Ink for it, and Ink reads stdin; each chunk Ink reads is also a `data` event (Node's
 * `read()` emits one), which is how the keys reach here without being taken from Ink.
 */
export function useKeypresses(
	onKeys: (keys: readonly Keypress[]) => void,
	isActive: boolean,
): void {
	const {stdin, setRawMode} = useStdin();
	const latest = useRef(onKeys);
	latest.current = onKeys;
	useEffect(() => {
		if (!isActive) return;
		// First, so that Ink's `readable` listener is there before ours: a `data` listener added
		// alone would switch stdin to flowing mode and take the input from under Ink.
		setRawMode(true);
		let pending = '';
		let timer: NodeJS.Timeout | undefined;
		const deliver = (keys: readonly Keypress[]) => {
			if (keys.length > 0) latest.current(keys);
		};
		const onData = (chunk: string | Buffer) => {
			clearTimeout(timer);
			const split = splitKeys(pending + String(chunk));
			pending = split.pending;
			deliver(split.keys);
			if (pending === '') return;
			timer = setTimeout(() => {
				const cutOff = pending;
				pending = '';
				deliver(flushKeys(cutOff));
			}, escapeWaitMs);
		};
		stdin.on('data', onData);
		return () => {
			stdin.off('data', onData);
			clearTimeout(timer);
			setRawMode(false);
		};
	}, [isActive, stdin, setRawMode]);
}
