import type {Readable} from 'node:stream';

// A line longer than this is cut into several lines.
const maxLineLength = 16 * 1024;

/**
 * Calls `onLine` with each line `readable` carries (without its `\n` or `\r\n`), the last one
 * even without a newline. A stream that never sends a newline is cut every 16 KiB rather than
 * held in memory without bound.
 */
export function forwardLines(readable: Readable, onLine: (line: string) => void): void {
	readable.setEncoding('utf8');
	let partial = '';
	const emit = (line: string) => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
	readable.on('data', (chunk: string) => {
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) emit(line);
		while (partial.length > maxLineLength) {
			emit(partial.slice(0, maxLineLength));
			partial = partial.slice(maxLineLength);
		}
	});
	readable.on('end', () => {
		if (partial) emit(partial);
		partial = '';
	});
}
