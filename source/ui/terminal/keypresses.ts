/** Printable characters: one typed, or a run of them that arrived together (a paste, a held key). */
export type TextKey = {readonly kind: 'text'; readonly text: string};

/** A key that is not text: an arrow, Enter, Backspace, or a character held with Ctrl or Alt. */
export type NamedKey = {
	readonly kind: 'key';
	/**
	 * `up`, `down`, `left`, `right`, `home`, `end`, `pageup`, `pagedown`, `insert`, `delete`,
	 * `backspace`, `return`, `escape`, `tab`; the character itself for Ctrl-A (`a`) or Alt-k (`k`);
	 * `unknown` for a sequence that names no key here (F-keys, a mouse report).
	 */
	readonly name: string;
	readonly ctrl: boolean;
	/** Alt (or Meta) was held: the terminal sent ESC before the key. */
	readonly meta: boolean;
	readonly shift: boolean;
};

/** One key as the terminal sent it. */
export type Keypress = TextKey | NamedKey;

/** What a piece of input holds: its keys in order, and the start of a sequence still arriving. */
export type SplitInput = {
	readonly keys: Keypress[];
	/** An escape sequence cut off at the end (a lone ESC, `ESC [ 1`): join it to the next chunk. */
	readonly pending: string;
};

const esc = '\u001B';

function named(name: string, modifiers: Partial<Omit<NamedKey, 'kind' | 'name'>> = {}): NamedKey {
	return {kind: 'key', name, ctrl: false, meta: false, shift: false, ...modifiers};
}

/** The Escape key, alone. */
export const escapeKey = named('escape');

/**
 * Splits input from a terminal in raw mode into its keys, in order: each escape sequence, each
 * control character and each run of printable text is one key. A terminal sends several keys in
 * one write when they come fast (a held arrow, tmux send-keys, a paste, a slow link): each must
 * act, not only the first.
 */
export function splitKeys(input: string): SplitInput {
	const keys: Keypress[] = [];
	let index = 0;
	while (index < input.length) {
		const char = input[index] as string;
		if (char === esc) {
			const sequence = escapeSequence(input, index);
			if (sequence === undefined) return {keys, pending: input.slice(index)};
			keys.push(sequence.key);
			index = sequence.end;
		} else if (isControl(char)) {
			keys.push(controlKey(char));
			index++;
		} else {
			let end = index + 1;
			while (end < input.length && !isControl(input[end] as string)) end++;
			keys.push({kind: 'text', text: input.slice(index, end)});
			index = end;
		}
	}
	return {keys, pending: ''};
}

/**
 * The keys of a sequence that stayed cut off (no more input came): its ESC was the Escape key,
 * and what followed it is read as keys of its own.
 */
export function flushKeys(pending: string): Keypress[] {
	const keys: Keypress[] = [];
	let rest = pending;
	while (rest.startsWith(esc)) {
		const split = splitKeys(rest.slice(1));
		keys.push(escapeKey, ...split.keys);
		rest = split.pending;
	}
	return keys;
}

// C0 controls, DEL, and C1 controls (which some terminals read as the start of a sequence).
function isControl(char: string): boolean {
	const code = char.charCodeAt(0);
	return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function controlKey(char: string): NamedKey {
	const code = char.charCodeAt(0);
	// A pasted line may end with LF rather than the CR that Enter sends.
	if (char === '\r' || char === '\n') return named('return');
	if (char === '\t') return named('tab');
	// Terminals send DEL for Backspace; some send BS (Ctrl-H).
	if (char === '\u007F' || char === '\b') return named('backspace');
	if (code >= 1 && code <= 26) return named(String.fromCharCode(code + 96), {ctrl: true});
	return named('unknown');
}

type Sequence = {readonly key: Keypress; readonly end: number};

// The sequence that starts with the ESC at `start`; undefined while it may still be arriving.
function escapeSequence(input: string, start: number): Sequence | undefined {
	const next = input[start + 1];
	if (next === undefined) return undefined;
	if (next === '[' || next === 'O') return introduced(input, start, start + 1, false);
	if (next === esc) {
		// ESC ESC [ A is Alt-↑ in some terminals; any other ESC ESC is Escape, then what follows.
		const third = input[start + 2];
		if (third === undefined) return undefined;
		if (third === '[' || third === 'O') return introduced(input, start, start + 2, true);
		return {key: escapeKey, end: start + 1};
	}
	// Alt held with a key: ESC, then the key's own character.
	const character = String.fromCodePoint(input.codePointAt(start + 1) as number);
	const end = start + 1 + character.length;
	const key = isControl(character) ? controlKey(character) : named(character);
	return {key: {...key, meta: true}, end};
}

// A CSI (ESC [) or SS3 (ESC O) sequence whose introducer is at `at`.
function introduced(input: string, start: number, at: number, meta: boolean): Sequence | undefined {
	const parsed = input[at] === '[' ? csi(input, at + 1) : ss3(input, at + 1);
	if (parsed === undefined) return undefined;
	if (parsed === 'invalid') return {key: escapeKey, end: start + 1};
	return {key: {...parsed.key, meta: parsed.key.meta || meta}, end: parsed.end};
}

const letterKeys: Record<string, string> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
};

const tildeKeys: Record<string, string> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pageup',
	'6': 'pagedown',
	'7': 'home',
	'8': 'end',
};

// ESC [ parameters intermediates final (ECMA-48): `ESC [ B`, `ESC [ 3 ~`, `ESC [ 1 ; 5 D`.
function csi(input: string, from: number): {key: NamedKey; end: number} | 'invalid' | undefined {
	let index = from;
	// The Linux console's F1–F5 are ESC [ [ A … E.
	if (input[index] === '[') index++;
	const parametersStart = index;
	while (index < input.length && between(input, index, 0x30, 0x3f)) index++;
	const parameters = input.slice(parametersStart, index);
	while (index < input.length && between(input, index, 0x20, 0x2f)) index++;
	if (index >= input.length) return undefined;
	if (!between(input, index, 0x40, 0x7e)) return 'invalid';
	const final = input[index] as string;
	const [first = '', modifier] = parameters.split(';');
	const name = final === '~' ? tildeKeys[first] : final === 'Z' ? 'tab' : letterKeys[final];
	const key = named(name ?? 'unknown', modifiers(modifier));
	return {key: final === 'Z' ? {...key, shift: true} : key, end: index + 1};
}

// ESC O letter: what many terminals send for the arrows, Home and End in application mode.
function ss3(input: string, from: number): {key: NamedKey; end: number} | undefined {
	const final = input[from];
	if (final === undefined) return undefined;
	return {key: named(letterKeys[final] ?? 'unknown'), end: from + 1};
}

// xterm's modifier parameter: 1 + a bit each for Shift (1), Alt (2), Ctrl (4) and Meta (8).
function modifiers(parameter: string | undefined): Partial<NamedKey> {
	const bits = Math.max(0, Number(parameter ?? 1) - 1) || 0;
	return {shift: (bits & 1) !== 0, meta: (bits & 10) !== 0, ctrl: (bits & 4) !== 0};
}

function between(input: string, index: number, low: number, high: number): boolean {
	const code = input.charCodeAt(index);
	return code >= low && code <= high;
}
