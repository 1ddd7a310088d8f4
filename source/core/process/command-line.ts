import {InputError} from '../errors.js';

/** A command line as one string could not be split into words; `message` says where and why. */
export class CommandLineError extends InputError {
	override readonly name = 'CommandLineError';
}

// Characters that mean something only to a shell: with no shell to read them they would reach the
// program as plain text, which is never what the person typing them meant.
const shellOnly = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*']);

/**
 * Splits a command line into words the way a POSIX shell does for quotes and backslashes
 * (`python3 -c 'print(1)'` → `['python3', '-c', 'print(1)']`), without running a shell. Unquoted
 * shell syntax (pipes, `&`, `;`, redirections, `$`, globs) is an error that says to use `sh -c`.
 */
export function splitWords(line: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	let index = 0;
	const append = (text: string) => {
		word = (word ?? '') + text;
	};
	while (index < line.length) {
		const char = line[index] as string;
		if (/\s/.test(char)) {
			if (word !== undefined) words.push(word);
			word = undefined;
			index++;
		} else if (char === "'") {
			const end = line.indexOf("'", index + 1);
			if (end === -1) throw new CommandLineError(`unterminated ' quote in '${line}'`);
			append(line.slice(index + 1, end));
			index = end + 1;
		} else if (char === '"') {
			const [text, end] = doubleQuoted(line, index);
			append(text);
			index = end + 1;
		} else if (char === '\\') {
			if (index + 1 < line.length) append(line[index + 1] as string);
			index += 2;
		} else if (shellOnly.has(char) || (char === '~' && word === undefined)) {
			throw new CommandLineError(
				`'${line}' uses shell syntax ('${char}'), and procdash runs commands without a shell; run it through one: sh -c '…'`,
			);
		} else {
			append(char);
			index++;
		}
	}
	if (word !== undefined) words.push(word);
	return words;
}

// Inside double quotes a backslash escapes only ", \, $ and `; `$` and backticks would expand.
function doubleQuoted(line: string, start: number): [string, number] {
	let text = '';
	let index = start + 1;
	while (index < line.length) {
		const char = line[index] as string;
		if (char === '"') return [text, index];
		if (char === '\\' && '"\\$`'.includes(line[index + 1] ?? '')) {
			text += line[index + 1];
			index += 2;
			continue;
		}
		if (char === '$' || char === '`') {
			throw new CommandLineError(
				`'${line}' uses shell syntax ('${char}'), and procdash runs commands without a shell; run it through one: sh -c '…'`,
			);
		}
		text += char;
		index++;
	}
	throw new CommandLineError(`unterminated " quote in '${line}'`);
}

/** `words` as one line a shell would split back into them: `sh -c 'echo a; exit 3'`. */
export function joinWords(words: readonly string[]): string {
	return words.map(quoteWord).join(' ');
}

function quoteWord(word: string): string {
	if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replaceAll("'", `'\\''`)}'`;
}
