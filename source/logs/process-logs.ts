import type {EventBus} from '../core/events/index.js';
import {LogFile, type LogFileOptions} from './log-file.js';

/** Where a process's output is logged, if anywhere. */
export type LogTarget = LogFileOptions & {readonly file: string};

/**
 * Writes the output of the processes `route` names to their log files: each line with its
 * wall-clock time and stream (`2026-12-05T12:00:00.000Z stdout listening on 8000`); a line that
 * came in pieces (over 16 KiB) is written whole. A process started again writes to the same file.
 * Returns the function that stops logging and resolves once every file is flushed and closed.
 */
export function startProcessLogs(
	bus: EventBus,
	route: (name: string) => LogTarget | undefined,
): () => Promise<void> {
	const files = new Map<string, LogFile>();
	// Processes in the middle of a line (a piece came, its rest has not).
	const midLine = new Set<number>();
	const unsubscribe = bus.subscribe((event) => {
		if (event.type !== 'process:output') return;
		const target = route(event.name);
		if (!target) return;
		let file = files.get(target.file);
		if (!file) {
			file = new LogFile(target.file, target);
			files.set(target.file, file);
		}
		const start = midLine.has(event.id) ? '' : `${new Date().toISOString()} ${event.stream} `;
		if (event.continues) midLine.add(event.id);
		else midLine.delete(event.id);
		file.write(`${start}${event.line}${event.continues ? '' : '\n'}`, event.continues ? 0 : 1);
	});
	return async () => {
		unsubscribe();
		await Promise.all([...files.values()].map((file) => file.close()));
	};
}
