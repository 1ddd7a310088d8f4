import {type FileHandle, open, rename} from 'node:fs/promises';

/** How a log file grows: rotated past `maxBytes`, `keep` old files (`app.log.1` newest). */
export type LogFileOptions = {readonly maxBytes: number; readonly keep: number};

// Text waiting for the disk beyond this is dropped (and counted): a slow disk never holds up a
// child's output, and never makes procdash's memory grow without bound.
const maxPendingBytes = 4 * 1024 * 1024;
// Written to the disk in pieces of about this much.
const chunkBytes = 64 * 1024;

/**
 * A log file written in the background: `write` never waits, text queues (at most 4 MiB; what
 * does not fit is dropped, and the file says how many lines were), one write is in flight at a
 * time, and the file is rotated by size (`app.log` → `app.log.1` → … `app.log.<keep>`). Created
 * with mode 0600, since it holds whatever the process printed.
 */
export class LogFile {
	readonly #path: string;
	readonly #options: LogFileOptions;
	readonly #queue: string[] = [];
	#pending = 0;
	#dropped = 0;
	#size = 0;
	#handle: Promise<FileHandle> | undefined;
	#draining: Promise<void> | undefined;
	#failed: Error | undefined;

	constructor(path: string, options: LogFileOptions) {
		this.#path = path;
		this.#options = options;
	}

	/** Queues `text` (whole lines) for the file; drops it, counted, when the queue is full. */
	write(text: string, lines = 1): void {
		if (this.#failed) return;
		if (this.#pending + text.length > maxPendingBytes) {
			this.#dropped += lines;
			return;
		}
		this.#queue.push(text);
		this.#pending += text.length;
		this.#draining ??= this.#drain().finally(() => {
			this.#draining = undefined;
		});
	}

	/** Resolves once everything queued is on the disk, and closes the file. */
	async close(): Promise<Error | undefined> {
		while (this.#draining) await this.#draining;
		const handle = await this.#handle?.catch(() => undefined);
		this.#handle = undefined;
		await handle?.close().catch(() => {});
		return this.#failed;
	}

	async #drain(): Promise<void> {
		try {
			while (this.#queue.length > 0) {
				let chunk = '';
				while (this.#queue.length > 0 && chunk.length < chunkBytes) chunk += this.#queue.shift();
				this.#pending -= chunk.length;
				if (this.#dropped > 0) {
					chunk = `[procdash: ${this.#dropped} line${this.#dropped === 1 ? '' : 's'} dropped: the disk was slower than the output]\n${chunk}`;
					this.#dropped = 0;
				}
				const bytes = Buffer.from(chunk, 'utf8');
				if (this.#size > 0 && this.#size + bytes.length > this.#options.maxBytes)
					await this.#rotate();
				const handle = await this.#open();
				await handle.write(bytes);
				this.#size += bytes.length;
			}
		} catch (error) {
			// The disk refused (full, gone): logging stops; the run goes on and close() says why.
			this.#failed = error as Error;
			this.#queue.length = 0;
		}
	}

	#open(): Promise<FileHandle> {
		this.#handle ??= open(this.#path, 'a', 0o600).then(async (handle) => {
			await handle.chmod(0o600);
			this.#size = (await handle.stat()).size;
			return handle;
		});
		return this.#handle;
	}

	async #rotate(): Promise<void> {
		if (this.#handle) await (await this.#handle).close();
		this.#handle = undefined;
		const {keep} = this.#options;
		for (let index = keep - 1; index >= 1; index--) {
			await rename(`${this.#path}.${index}`, `${this.#path}.${index + 1}`).catch(() => {});
		}
		if (keep > 0) await rename(this.#path, `${this.#path}.1`).catch(() => {});
		else await open(this.#path, 'w').then((handle) => handle.close());
		this.#size = 0;
	}
}
