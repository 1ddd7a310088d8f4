import {readdirSync, readFileSync} from 'node:fs';
import {cpus} from 'node:os';
import type {MachineStats, ProcessStats, ThreadStats} from '../events/index.js';
import {printable} from '../util/printable.js';
import {procMachine} from './machine.js';
import {
	listPids,
	ProcFiles,
	type ProcReader,
	type ProcStat,
	readProcFile,
	readStat,
	system,
} from './proc.js';

/** Percent of one core used since `before` (0 for a first sample). */
function cpuSince(
	before: {ticks: number; at: number} | undefined,
	ticks: number,
	now: number,
): number {
	const seconds = before ? (now - before.at) / 1000 : 0;
	if (!before || seconds <= 0) return 0;
	return Math.max(0, ((ticks - before.ticks) / system().clockTicks / seconds) * 100);
}

/**
 * True while the process group `pgid` has a member that is not a zombie. A zombie is dead: on
 * machines whose init does not reap orphans, it may linger in the group long after its end.
 */
export function groupAlive(pgid: number): boolean {
	return livingGroups([pgid]).has(pgid);
}

/**
 * Which of `pgids` still have a member that is not a zombie, from one pass over `/proc`. Where
 * there is no `/proc`, a group counts as living while it can be signalled.
 */
export function livingGroups(pgids: Iterable<number>): Set<number> {
	// kill(-pgid, 0) is one cheap syscall: a group it cannot reach is gone, zombies and all.
	const reachable = new Set([...pgids].filter(signallable));
	if (reachable.size === 0) return reachable;
	if (!hasProcStat) return reachable;
	const living = new Set<number>();
	for (const pid of listPids()) {
		// Undefined when the process ended between the listing and the read.
		const stat = readStat(pid);
		if (stat && stat.state !== 'Z' && reachable.has(stat.pgrp)) living.add(stat.pgrp);
	}
	return living;
}

function signallable(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		// ESRCH: gone. EPERM: not ours to signal (a setuid program), so not one procdash can stop.
		return false;
	}
}

/**
 * Direct children of `pid` from `/proc/<pid>/task/<tid>/children` (every thread's: each lists the
 * children that thread started). A process with one thread has one such file, read without listing.
 */
function procChildren(pid: number, threads = 0, read: ProcReader = readProcFile): number[] {
	let tids: readonly (string | number)[];
	try {
		tids = threads === 1 ? [pid] : readdirSync(`/proc/${pid}/task`);
	} catch {
		return [];
	}
	const children: number[] = [];
	for (const tid of tids) {
		// Undefined when the thread ended between the listing and the read.
		const text = read(`/proc/${pid}/task/${tid}/children`)?.trim();
		if (text) for (const child of text.split(' ')) children.push(Number(child));
	}
	return children;
}

const hasProcStat = (() => {
	try {
		readFileSync('/proc/stat');
		return true;
	} catch {
		return false;
	}
})();

const hasProcChildren = (() => {
	try {
		readFileSync(`/proc/${process.pid}/task/${process.pid}/children`);
		return true;
	} catch {
		return false;
	}
})();

/**
 * Samples CPU and memory of processes and their descendants. CPU is the share of one core used
 * since the previous sample of the same pid, so the first sample of a pid reads 0.
 */
export class StatsSampler {
	#previous = new Map<number, {ticks: number; at: number}>();
	#previousThreads = new Map<number, {ticks: number; at: number}>();
	// The files of the processes sampled, open from one sample to the next.
	readonly #files = new ProcFiles();

	/** CPU of each thread of this process (by kernel thread id) since its previous sample. */
	sampleThreads(threads: readonly {readonly id: number; readonly tid: number}[]): ThreadStats[] {
		const now = performance.now();
		const next = new Map<number, {ticks: number; at: number}>();
		const stats: ThreadStats[] = [];
		for (const {id, tid} of threads) {
			const stat = readStat(tid, `/proc/${process.pid}/task/${tid}/stat`, this.#files.read);
			if (!stat) continue;
			const before = this.#previousThreads.get(tid);
			const ticks = stat.utime + stat.stime;
			next.set(tid, {ticks, at: now});
			stats.push({id, tid, cpu: cpuSince(before, ticks, now)});
		}
		this.#previousThreads = next;
		return stats;
	}

	/** Stats for each root pid that is alive, and for all its descendants. */
	async sample(roots: readonly number[]): Promise<ProcessStats[]> {
		const stats = hasProcChildren ? walkProc(roots, this.#files.read) : await walkPidtree(roots);
		const now = performance.now();
		const next = new Map<number, {ticks: number; at: number}>();
		const sampled: ProcessStats[] = [];
		for (const stat of stats.values()) {
			const before = this.#previous.get(stat.pid);
			const ticks = stat.utime + stat.stime;
			next.set(stat.pid, {ticks, at: now});
			sampled.push({
				pid: stat.pid,
				ppid: stat.ppid,
				cpu: cpuSince(before, ticks, now),
				memory: stat.rssBytes,
				// A process chooses its own name (prctl, or an executable named so).
				command: printable(stat.comm),
				...(stat.state === 'T' ? {stopped: true as const} : {}),
			});
		}
		this.#previous = next;
		return sampled;
	}

	/** The machine's load and memory: sampleMachine, with this sampler's open files. */
	machine(): Promise<MachineStats | undefined> {
		return sampleMachine(this.#files.read);
	}

	/** Closes the files of processes not sampled since the last sweep. */
	sweep(): void {
		this.#files.sweep();
	}

	/** Closes every file the sampler holds open. */
	close(): void {
		this.#files.close();
	}
}

// Each root, then its descendants, each pid's stat read once: its thread count says where to
// look for its children.
function walkProc(roots: readonly number[], read: ProcReader): Map<number, ProcStat> {
	const found = new Map<number, ProcStat>();
	for (const root of roots) {
		const pending = [root];
		while (pending.length > 0) {
			const pid = pending.pop() as number;
			if (found.has(pid)) continue;
			const stat = readStat(pid, undefined, read);
			if (!stat) continue;
			found.set(pid, stat);
			// Reversed onto the stack, so that children come out in the order the kernel lists them.
			pending.push(...procChildren(pid, stat.numThreads, read).reverse());
		}
	}
	return found;
}

// Where there is no /proc/<pid>/task/<tid>/children (not Linux): pidtree lists the descendants.
async function walkPidtree(roots: readonly number[]): Promise<Map<number, ProcStat>> {
	const found = new Map<number, ProcStat>();
	let pidtree: ((pid: number) => Promise<number[]>) | undefined;
	try {
		pidtree = (await import('pidtree')).default;
	} catch {}
	for (const root of roots) {
		const below = pidtree ? await pidtree(root).catch((): number[] => []) : [];
		for (const pid of [root, ...below]) {
			const stat = found.has(pid) ? undefined : readStat(pid);
			if (stat) found.set(pid, stat);
		}
	}
	return found;
}

/**
 * The machine's CPU load and memory: from /proc on Linux, from systeminformation elsewhere;
 * undefined where neither can tell.
 */
export async function sampleMachine(
	read: ProcReader = readProcFile,
): Promise<MachineStats | undefined> {
	if (hasProcStat) return procMachine(read);
	try {
		// Loaded on first use: a program that never samples (procdash --version) never pays for it.
		const {default: si} = await import('systeminformation');
		const [load, memory] = await Promise.all([si.currentLoad(), si.mem()]);
		return {
			cpu: load.currentLoad,
			cores: load.cpus.length || cpus().length,
			memoryUsed: memory.active,
			memoryTotal: memory.total,
		};
	} catch {
		return undefined;
	}
}
