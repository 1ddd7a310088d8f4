import type {EventBus} from '../core/events/index.js';
import {toJsonLine} from './json-line.js';

/** Where NDJSON lines go: each call gets one whole line, newline included. */
export type LineSink = (line: string) => void;

/**
 * Writes every event of `bus` to `sink` as one JSON line, starting with the events already in the
 * bus's history. Each event is written whole as it happens (line-buffered, nothing skipped), so a
 * reader on the other end of a pipe sees it at once. Returns the function that stops writing.
 */
export function writeEvents(bus: EventBus, sink: LineSink): () => void {
	for (const event of bus.history()) sink(`${toJsonLine(event)}\n`);
	return bus.subscribe((event) => sink(`${toJsonLine(event)}\n`));
}
