import {closeSync, fchmodSync, openSync, writeSync} from 'node:fs';
import {InputError} from '../core/errors.js';
import type {EventBus} from '../core/events/index.js';
import {writeEvents} from '../headless/ndjson-writer.js';

/** A recording cannot be written or read; `message` names the file and the reason. */
export class RecordingError extends InputError {
	override readonly name = 'RecordingError';
}

/**
 * Writes every event of `bus` to `file` as NDJSON, for `procdash replay`. The file is created (or
 * emptied) with mode 0600 before anything runs, because events carry whatever the processes print.
 * Each event is written synchronously as it happens, so a run that crashes still leaves every
 * event before the crash. Returns the function that stops recording and closes the file.
 */
export function startRecording(bus: EventBus, file: string): () => void {
	let fd: number;
	try {
		fd = openSync(file, 'w', 0o600);
		// The mode of open() applies only to a new file; an existing one keeps its own otherwise.
		fchmodSync(fd, 0o600);
	} catch (error) {
		throw new RecordingError(`cannot write the recording '${file}': ${(error as Error).message}`, {
			cause: error,
		});
	}
	let open = true;
	const unsubscribe = writeEvents(bus, (line) => {
		if (open) writeSync(fd, line);
	});
	return () => {
		if (!open) return;
		open = false;
		unsubscribe();
		closeSync(fd);
	};
}
