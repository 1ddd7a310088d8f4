import {type Key, useInput} from 'ink';
import {useCallback, useRef} from 'react';
import type {Mode} from '../view-state.js';

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
	| 'erase'
	| 'submit'
	| {readonly text: string};

/** Which key pressed in which mode means which command; undefined for keys that mean nothing there. */
export function commandFor(input: string, key: Key, mode: Mode): Command | undefined {
	if (key.ctrl && input === 'c') return 'quit';
	if (mode === 'help') return 'back';
	if (mode === 'command' || mode === 'filter') {
		if (key.return) return 'submit';
		if (key.escape) return 'back';
		if (key.backspace || key.delete) return 'erase';
		// Printable text only: no control character from a pasted line or a stray key.
		const text = [...input].filter((char) => char >= ' ' && char !== '\u007F').join('');
		return text && !key.ctrl && !key.meta ? {text} : undefined;
	}
	if (mode === 'menu') {
		if (key.upArrow) return 'up';
		if (key.downArrow) return 'down';
		if (key.return) return 'submit';
		if (key.escape || input === 's' || input === 'q') return 'back';
		return undefined;
	}
	return normalKey(input, key);
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
};

function normalKey(input: string, key: Key): Command | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.pageUp) return 'page-up';
	if (key.pageDown) return 'page-down';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.tab) return 'next-panel';
	if (key.return) return 'open-log';
	if (key.escape) return 'back';
	// Ctrl-K is not k: a letter held with Ctrl or Alt does nothing.
	if (key.ctrl || key.meta) return undefined;
	return letters[input];
}

/**
 * What one chunk of input means. Keys typed one by one arrive one by one; a paste (or a quick
 * script) arrives as one string: in the normal mode each of its characters is a key, and once one
 * opens a prompt (`/`, `n`), the rest is what is typed into it.
 */
export function commandsFor(input: string, key: Key, mode: Mode): Command[] {
	if ((mode === 'command' || mode === 'filter') && /[\r\n]/.test(input) && input.length > 1) {
		// Pasted text that ends a line: type what comes before, then press Enter.
		const [text = ''] = input.split(/[\r\n]/);
		const typed = commandFor(text, {...key, return: false}, mode);
		return typed === undefined ? ['submit'] : [typed, 'submit'];
	}
	if (mode !== 'normal' || input.length <= 1 || key.ctrl || key.meta) {
		const command = commandFor(input, key, mode);
		return command === undefined ? [] : [command];
	}
	const commands: Command[] = [];
	const chars = [...input];
	for (let index = 0; index < chars.length; index++) {
		const command = commandFor(chars[index] as string, key, 'normal');
		if (command === undefined) continue;
		commands.push(command);
		if (command === 'filter' || command === 'new-process') {
			// The rest goes to the prompt just opened, as if pasted into it.
			const rest = chars.slice(index + 1).join('');
			if (rest)
				commands.push(...commandsFor(rest, key, command === 'filter' ? 'filter' : 'command'));
			break;
		}
		if (command === 'quit') break;
	}
	return commands;
}

/** The mode a prompt-opening or prompt-closing command leaves; other commands keep it. */
function modeAfter(mode: Mode, command: Command): Mode {
	if (mode === 'normal' && command === 'filter') return 'filter';
	if (mode === 'normal' && command === 'new-process') return 'command';
	if ((mode === 'filter' || mode === 'command') && (command === 'submit' || command === 'back'))
		return 'normal';
	return mode;
}

/** Calls `onCommand` with what each key press means, and the mode it came in. */
export function useKeymap(
	mode: Mode,
	onCommand: (command: Command, mode: Mode) => void,
	isActive = true,
): void {
	// Ink re-subscribes a changed handler only in an effect, after the frame is on screen; a key
	// pressed in between would reach the previous render's handler. Refs are always the latest.
	const latest = useRef({mode, onCommand});
	latest.current = {mode, onCommand};
	const onInput = useCallback((input: string, key: Key) => {
		const {mode, onCommand: handle} = latest.current;
		// A chunk may open a prompt and then type into it before React renders again: each
		// command is told the mode the ones before it left.
		let current = mode;
		for (const command of commandsFor(input, key, mode)) {
			handle(command, current);
			current = modeAfter(current, command);
		}
	}, []);
	useInput(onInput, {isActive});
}
