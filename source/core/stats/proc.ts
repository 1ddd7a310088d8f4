import {closeSync, openSync, readdirSync, readFileSync, readSync} from 'node:fs';
import {endianness} from 'node:os';

// The one reader of Linux's /proc for procdash: the sampler, the stop, the tests and the bench
// all read a process's `stat` through here, so its odd format is parsed in one place.

// The sampler reads a few hundred small /proc files a second; one buffer serves them all.
const procBuffer = Buffer.allocUnsafe(4096);

/**
 * The text of a small /proc file, or undefined when it cannot be read (the process is gone, or
 * this is not Linux). Cheaper than readFileSync, which also stats the file and allocates a buffer
 * for each.
 */
export function readProcFile(path: string): string | undefined {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch {
		return undefined;
	}
	try {
		return readOpen(fd, path);
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

// The text of the open file `fd` (at `path`), read from its start; throws where it cannot be read.
function readOpen(fd: number, path: string): string {
	const length = readSync(fd, procBuffer, 0, procBuffer.length, 0);
	// A file longer than the buffer (the children of a process with hundreds of them)
	if (length === procBuffer.length) return readFileSync(path, 'latin1');
	return procBuffer.toString('latin1', 0, length);
}

/** Reads a small /proc file: readProcFile, or a ProcFiles' read. */
export type ProcReader = (path: string) => string | undefined;

/**
 * The small /proc files a sampler reads every second, each opened once and read again from its
 * start (pread): two system calls a read instead of four. A file not read between two sweeps is
 * closed (its process ended or left the sample), as is every file at close; beyond `most` open
 * files, files are read as readProcFile reads them.
 */
export class ProcFiles {
	readonly #open = new Map<string, {readonly fd: number; sweep: number}>();
	readonly #most: number;
	#sweep = 0;

	constructor(most = 256) {
		this.#most = most;
	}

	/** How many files are open now. */
	get size(): number {
		return this.#open.size;
	}

	/** The text of the file at `path`, as readProcFile gives it. */
	readonly read: ProcReader = (path) => {
		let file = this.#open.get(path);
		if (file === undefined) {
			if (this.#open.size >= this.#most) return readProcFile(path);
			try {
				file = {fd: openSync(path, 'r'), sweep: this.#sweep};
			} catch {
				return undefined;
			}
			this.#open.set(path, file);
		}
		file.sweep = this.#sweep;
		try {
			return readOpen(file.fd, path);
		} catch {
			// The process is gone (ESRCH), though its pid may name another one by now.
			this.#drop(path, file.fd);
			return readProcFile(path);
		}
	};

	/** Closes the files not read since the last sweep. */
	sweep(): void {
		for (const [path, {fd, sweep}] of this.#open) if (sweep !== this.#sweep) this.#drop(path, fd);
		this.#sweep++;
	}

	/** Closes every file. */
	close(): void {
		for (const [path, {fd}] of this.#open) this.#drop(path, fd);
	}

	#drop(path: string, fd: number): void {
		this.#open.delete(path);
		try {
			closeSync(fd);
		} catch {}
	}
}

/** What `/proc/<pid>/stat` says of a process: the fields procdash uses, by their proc(5) names. */
export type ProcStat = {
	readonly pid: number;
	/** The executable's name as the kernel has it (`comm`): the process chooses it, so raw. */
	readonly comm: string;
	/** R, S, D, T, Z … */
	readonly state: string;
	readonly ppid: number;
	readonly pgrp: number;
	/** CPU time in user and kernel mode, in clock ticks (`clockTicks` a second). */
	readonly utime: number;
	readonly stime: number;
	readonly numThreads: number;
	/** When the process started, in clock ticks after boot: with the pid, it names one process. */
	readonly starttime: number;
	/** Resident set size in bytes. */
	readonly rssBytes: number;
	/** A zombie's status word as waitpid(2) reports it; 0 while the process lives. */
	readonly exitCode: number;
};

/** Parses the text of a `/proc/<pid>/stat` file. */
export function parseStat(text: string): ProcStat {
	// The command sits in parentheses and may itself hold spaces or parentheses.
	const open = text.indexOf('(');
	const close = text.lastIndexOf(')');
	const fields = text.slice(close + 2).split(' ');
	// fields[0] is field 3 (state) of proc(5), so field N is fields[N - 3].
	const field = (n: number) => Number(fields[n - 3]);
	return {
		pid: Number(text.slice(0, open)),
		comm: text.slice(open + 1, close),
		state: fields[0] ?? '?',
		ppid: field(4),
		pgrp: field(5),
		utime: field(14),
		stime: field(15),
		numThreads: field(20),
		starttime: field(22),
		rssBytes: field(24) * system().pageSize,
		exitCode: fields.length >= 50 ? field(52) : 0,
	};
}

/** `/proc/<pid>/stat` parsed, or undefined when the process is gone or this is not Linux. */
export function readStat(
	pid: number | string,
	path = `/proc/${pid}/stat`,
	read: ProcReader = readProcFile,
): ProcStat | undefined {
	const text = read(path);
	return text === undefined ? undefined : parseStat(text);
}

/** The process's state letter (R, S, T, Z …), or undefined when it is gone. */
export function procState(pid: number): string | undefined {
	return readStat(pid)?.state;
}

/** True while `pid` is a process that has not ended (a zombie has ended). */
export function isRunning(pid: number): boolean {
	const state = procState(pid);
	return state !== undefined && state !== 'Z';
}

/** The pids /proc lists now (every process of the machine); empty where there is no /proc. */
export function listPids(): number[] {
	try {
		return readdirSync('/proc')
			.filter((name) => /^\d+$/.test(name))
			.map(Number);
	} catch {
		return [];
	}
}

/** The machine's page size and clock ticks per second, as the kernel told this process. */
export type SystemFigures = {
	/** Bytes in a memory page: what `rss` in `stat` counts. */
	readonly pageSize: number;
	/** Clock ticks a second (USER_HZ): what `utime` and `stime` count. */
	readonly clockTicks: number;
};

let figures: SystemFigures | undefined;

/**
 * The page size and clock ticks of this machine, from the auxiliary vector the kernel gave this
 * process (/proc/self/auxv: AT_PAGESZ and AT_CLKTCK), read once. Where it cannot be read, the
 * values of every Linux on x86 and most on ARM: 4096 and 100.
 */
export function system(): SystemFigures {
	figures ??= readAuxv() ?? {pageSize: 4096, clockTicks: 100};
	return figures;
}

// auxv is a list of (type, value) pairs of machine words, ended by type 0 (AT_NULL).
const atPageSize = 6n;
const atClockTicks = 17n;

function readAuxv(): SystemFigures | undefined {
	let auxv: Buffer;
	try {
		auxv = readFileSync('/proc/self/auxv');
	} catch {
		return undefined;
	}
	const wordBytes = ['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64'].includes(process.arch)
		? 8
		: 4;
	const little = endianness() === 'LE';
	const word = (offset: number): bigint => {
		if (wordBytes === 8)
			return little ? auxv.readBigUInt64LE(offset) : auxv.readBigUInt64BE(offset);
		return BigInt(little ? auxv.readUInt32LE(offset) : auxv.readUInt32BE(offset));
	};
	let pageSize: number | undefined;
	let clockTicks: number | undefined;
	for (let offset = 0; offset + 2 * wordBytes <= auxv.length; offset += 2 * wordBytes) {
		const type = word(offset);
		if (type === 0n) break;
		if (type === atPageSize) pageSize = Number(word(offset + wordBytes));
		if (type === atClockTicks) clockTicks = Number(word(offset + wordBytes));
	}
	if (!pageSize || !clockTicks) return undefined;
	return {pageSize, clockTicks};
}

/**
 * A size from `/proc/<pid>/status` in bytes (`VmRSS`, `VmHWM` — the peak resident size — …), or
 * undefined when the process is gone or the field is not there.
 */
export function statusBytes(pid: number, field: string): number | undefined {
	const text = readProcFile(`/proc/${pid}/status`);
	const kib = text && new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1];
	return kib ? Number(kib) * 1024 : undefined;
}
