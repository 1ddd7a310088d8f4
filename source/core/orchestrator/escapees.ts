import {listPids, readProcFile, readStat} from '../stats/proc.js';

// A process can leave the process group procdash gave it (`setsid sleep 98 &`), and then no
// signal to the group reaches it. Every child of an orchestrator carries the orchestrator's token
// in its environment, and its descendants inherit it: at the end, /proc tells which processes
// still carry it, wherever they went.

/** The environment variable that names the orchestrators a process descends from. */
export const ownersVariable = 'PROCDASH_OWNERS';

let serial = 0;

/**
 * A token naming one orchestrator of this program: the pid and start time of this process (so
 * that a later program with the same pid has another) and a count.
 */
export function newOwnerToken(): string {
	const started = readStat(process.pid)?.starttime ?? Date.now();
	return `${process.pid}.${started}.${++serial}`;
}

/** `env` (this process's when omitted) with `token` added to the owners it already names. */
export function ownedEnv(env: NodeJS.ProcessEnv | undefined, token: string): NodeJS.ProcessEnv {
	const base = env ?? process.env;
	const owners = base[ownersVariable];
	return {...base, [ownersVariable]: owners ? `${owners},${token}` : token};
}

/** A process found carrying a token: its pid and start time name it, whatever reuses the pid. */
export type Escapee = {
	readonly pid: number;
	readonly starttime: number;
	/** Its process group: one procdash started, or another it moved to. */
	readonly pgrp: number;
	/** Its executable's name, raw (`comm`). */
	readonly command: string;
};

/**
 * Every living process (zombies are dead) whose environment names `token`, but for `except`:
 * one pass over /proc. Empty where there is no /proc.
 */
export function findOwned(token: string, except: ReadonlySet<number> = new Set()): Escapee[] {
	const found: Escapee[] = [];
	for (const pid of listPids()) {
		if (pid === process.pid || except.has(pid)) continue;
		const environ = readProcFile(`/proc/${pid}/environ`);
		if (!environ || !carries(environ, token)) continue;
		const stat = readStat(pid);
		if (stat && stat.state !== 'Z')
			found.push({pid, starttime: stat.starttime, pgrp: stat.pgrp, command: stat.comm});
	}
	return found;
}

function carries(environ: string, token: string): boolean {
	const prefix = `${ownersVariable}=`;
	const entry = environ.split('\0').find((variable) => variable.startsWith(prefix));
	return entry?.slice(prefix.length).split(',').includes(token) ?? false;
}

/** True while `escapee` is alive: the same pid, started at the same time, and not a zombie. */
export function stillAlive(escapee: Escapee): boolean {
	const stat = readStat(escapee.pid);
	return stat !== undefined && stat.starttime === escapee.starttime && stat.state !== 'Z';
}

/** Sends `signal` to each escapee still alive (never to a process that took its pid since). */
export function signalEscapees(escapees: readonly Escapee[], signal: NodeJS.Signals): void {
	for (const escapee of escapees) {
		if (!stillAlive(escapee)) continue;
		try {
			process.kill(escapee.pid, signal);
		} catch {
			// Gone since, or not ours to signal.
		}
	}
}
