import type {Readable} from 'node:stream';

/** The longest line an output event carries, in UTF-16 code units: a longer one is cut. */
export const maxLineLength = 16 * 1024;

/** Where a long line is cut: at `maxLineLength`, or one before it not to split a surrogate pair. */
function cutAt(text: string): number {
	const code = text.charCodeAt(maxLineLength - 1);
	return code >= 0xd800 && code <= 0xdbff ? maxLineLength - 1 : maxLineLength;
}

/**
 * Calls `onLine` with each line `readable` carries (without its `\n` or `\r\n`), the last one
 * even without a newline. A line longer than `maxLineLength` — ended or not yet — is cut into
 * pieces of at most that, each but the last with `continues` set, so that memory stays bounded
 * and a reader can join them back.
 */
export function forwardLines(
	readable: Readable,
	onLine: (line: string, continues: boolean) => void,
): void {
	readable.setEncoding('utf8');
	let partial = '';
	// Cuts the long lines of `text`; what is left, shorter than the cap, is returned unsent.
	const cut = (text: string): string => {
		let rest = text;
		while (rest.length > maxLineLength) {
			const at = cutAt(rest);
			onLine(rest.slice(0, at), true);
			rest = rest.slice(at);
		}
		return rest;
	};
	const send = (line: string) => {
		const rest = cut(line);
		onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, false);
	};
	readable.on('data', (chunk: string) => {
		const lines = (partial + chunk).split('\n');
		partial = cut(lines.pop() ?? '');
		for (const line of lines) send(line);
	});
	readable.on('end', () => {
		if (partial) send(partial);
		partial = '';
	});
}
