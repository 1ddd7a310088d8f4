/**
 * `text` with every control character (C0, DEL, C1) replaced by '?', as `ps` shows them: for
 * names that come from outside procdash (a command line, a process's own name) and are shown as
 * they are, so that none can carry a terminal escape sequence.
 */
export function printable(text: string): string {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces.
	return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
}
