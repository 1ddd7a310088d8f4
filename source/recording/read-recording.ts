import {readFileSync} from 'node:fs';
import type {BusEvent} from '../core/events/index.js';
import {RecordingError} from './recorder.js';

/** Reads a recording made with `--record` and checks every line before any is played. */
export function readRecording(file: string): BusEvent[] {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new RecordingError(`cannot read the recording '${file}': ${(error as Error).message}`, {
			cause: error,
		});
	}
	return parseRecording(text, file);
}

/** Parses NDJSON events; errors name the file and line: `events.ndjson:3: not JSON (…)`. */
export function parseRecording(text: string, file: string): BusEvent[] {
	const events: BusEvent[] = [];
	const lines = text.split('\n');
	let previousSeq = 0;
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') continue;
		const where = `${file}:${index + 1}`;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			throw new RecordingError(`${where}: not JSON (${(error as Error).message})`);
		}
		if (!isEvent(value)) {
			throw new RecordingError(
				`${where}: not a procdash event (expected an object with a string "type", an integer "seq" and a number "at")`,
			);
		}
		if (value.seq <= previousSeq) {
			throw new RecordingError(
				`${where}: events out of order (seq ${value.seq} after ${previousSeq})`,
			);
		}
		previousSeq = value.seq;
		events.push(value);
	}
	if (events.length === 0) throw new RecordingError(`${file}: no events in this recording`);
	return events;
}

function isEvent(value: unknown): value is BusEvent {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const {type, seq, at} = value as Record<string, unknown>;
	return (
		typeof type === 'string' &&
		Number.isInteger(seq) &&
		(seq as number) > 0 &&
		typeof at === 'number' &&
		Number.isFinite(at) &&
		at >= 0
	);
}
