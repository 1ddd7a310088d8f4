import {useCallback, useEffect, useRef, useState} from 'react';
import type {Edit} from '../line-edit.js';
import type {Keypress, NamedKey} from '../terminal/keypresses.js';
import {isPrompt, type Mode} from '../view-state.js';
import {useKeypresses} from './use-keypresses.js';

/** What a key means in the dashboard, whatever mode it came in. */
export type Command =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'home'
	| 'end'
	| 'next-panel'
	| 'open-log'
	| 'back'
	| 'new-process'
	| 'presets'
	| 'terminate'
	| 'kill'
	| 'pause'
	| 'restart'
	| 'filter'
	| 'help'
	| 'sort'
	| 'quit'
	| 'submit'
	/** Space: mark the selected row, or unmark it. */
	| 'mark'
	/** S: the signal picker. */
	| 'signal'
	/** i: a line to the selected process's stdin. */
	| 'stdin'
	/** t: wall-clock times in the log. */
	| 'timestamps'
	/** N: the previous match of a log search (n, the next, is `new-process` outside a log). */
	| 'previous-match'
	/** ←/→ in the signal picker. */
	| 'left'
	| 'right'
	/** Text typed (or pasted) into a prompt, at its cursor. */
	| {readonly text: string}
	/** A prompt's editing key: the cursor, or what to erase. */
	| {readonly edit: Edit};

/** Which key pressed in which mode means which command; undefined for keys that mean nothing there. */
export function commandFor(key: Keypress, mode: Mode): Command | undefined {
	if (key.kind === 'key' && key.ctrl && key.name === 'c') return 'quit';
	if (mode === 'help') return 'back';
	if (isPrompt(mode)) return promptKey(key);
	if (mode === 'menu') return menuKey(key);
	if (mode === 'signal') return pickerKey(key);
	return normalKey(key);
}

const letters: Record<string, Command> = {
	n: 'new-process',
	s: 'presets',
	k: 'terminate',
	K: 'kill',
	p: 'pause',
	r: 'restart',
	'/': 'filter',
	'?': 'help',
	o: 'sort',
	q: 'quit',
	' ': 'mark',
	S: 'signal',
	i: 'stdin',
	t: 'timestamps',
	N: 'previous-match',
};

const movements: Record<string, Command> = {
	up: 'up',
	down: 'down',
	pageup: 'page-up',
	pagedown: 'page-down',
	home: 'home',
	end: 'end',
};

function normalKey(key: Keypress): Command | undefined {
	if (key.kind === 'text') return letters[key.text];
	if (key.name === 'tab') return 'next-panel';
	if (key.name === 'return') return 'open-log';
	if (key.name === 'escape') return 'back';
	// Ctrl-K is not k: a letter held with Ctrl or Alt does nothing.
	return movements[key.name];
}

function menuKey(key: Keypress): Command | undefined {
	if (key.kind === 'text') return key.text === 's' || key.text === 'q' ? 'back' : undefined;
	if (key.name === 'return') return 'submit';
	if (key.name === 'escape') return 'back';
	if (['up', 'down', 'home', 'end'].includes(key.name)) return movements[key.name];
	return undefined;
}

// The signal picker, one line: ←/→ (or ↑/↓) choose, Enter sends, Esc, S or q closes it.
function pickerKey(key: Keypress): Command | undefined {
	if (key.kind === 'text') return key.text === 'S' || key.text === 'q' ? 'back' : undefined;
	if (key.name === 'return') return 'submit';
	if (key.name === 'escape') return 'back';
	const moves: Record<string, Command> = {
		left: 'left',
		up: 'left',
		right: 'right',
		down: 'right',
		home: 'home',
		end: 'end',
	};
	return moves[key.name];
}

// Named keys of a prompt, as readline has them: with Ctrl (or Alt for Backspace) where it says so.
const promptEdits: Record<string, Edit> = {
	left: 'left',
	right: 'right',
	home: 'start',
	end: 'end',
	backspace: 'erase-back',
	delete: 'erase-forward',
};

const promptChords: Record<string, Edit> = {
	a: 'start',
	e: 'end',
	u: 'erase-to-start',
	w: 'erase-word',
};

function promptKey(key: Keypress): Command | undefined {
	if (key.kind === 'text') return {text: key.text};
	if (key.name === 'return') return 'submit';
	if (key.name === 'escape') return 'back';
	const edit = promptEdit(key);
	return edit === undefined ? undefined : {edit};
}

function promptEdit(key: NamedKey): Edit | undefined {
	if (key.ctrl) return promptChords[key.name];
	if (key.meta && key.name === 'backspace') return 'erase-word';
	return promptEdits[key.name];
}

/**
 * The key to act on next, and the keys left after it. Text that arrived as one run is one key
 * per character outside a prompt (`kk` terminates twice, `/web` opens the filter with `web`
 * left to type into it), and one piece of text inside one (a pasted line stays a line).
 */
export function nextKey(
	queue: readonly Keypress[],
	mode: Mode,
): [Keypress | undefined, Keypress[]] {
	const [first, ...rest] = queue;
	if (first?.kind !== 'text' || isPrompt(mode)) return [first, rest];
	const [character = '', ...others] = first.text;
	const left: Keypress[] = others.length > 0 ? [{kind: 'text', text: others.join('')}] : [];
	return [{kind: 'text', text: character}, [...left, ...rest]];
}

/**
 * Calls `onCommand` with what each key means, and the mode it came in, one key per render: the
 * key after one that moved the selection, opened a prompt or typed into it acts on what that key
 * left, not on the frame before it. Keys that arrive together (a held key, a paste) wait their
 * turn in order.
 */
export function useKeymap(
	mode: Mode,
	onCommand: (command: Command, mode: Mode) => void,
	isActive = true,
): void {
	// The handler of the newest render: each key is read after the render the previous one caused.
	const latest = useRef({mode, onCommand});
	latest.current = {mode, onCommand};
	const queue = useRef<Keypress[]>([]);
	// True from a key's command until the render after it: the next key waits for that render.
	const waiting = useRef(false);
	// A render per key, even for a key that changed nothing, so that the keys after it are read.
	const [, setTurn] = useState(0);

	const readOne = useCallback(() => {
		const {mode: current, onCommand: handle} = latest.current;
		const [key, rest] = nextKey(queue.current, current);
		queue.current = rest;
		if (key === undefined) return;
		waiting.current = true;
		const command = commandFor(key, current);
		if (command !== undefined) handle(command, current);
		setTurn((count) => count + 1);
	}, []);

	useKeypresses((keys) => {
		queue.current.push(...keys);
		if (!waiting.current) readOne();
	}, isActive);

	// After every render: whatever rendered it, it holds what the keys read so far did.
	useEffect(() => {
		waiting.current = false;
		readOne();
	});
}
