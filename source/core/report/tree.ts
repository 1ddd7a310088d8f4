import type {EventBus} from '../events/index.js';
import type {Orchestrator} from '../orchestrator/orchestrator.js';
import {readStat} from '../stats/proc.js';

/** A command procdash started, whose program (and its children) may report: where their events go. */
export type ReportingRoot = {
	readonly bus: EventBus;
	/** The command's row. */
	readonly id: number;
	readonly name: string;
	readonly pid: number;
};

// Deep enough for any real tree; bounded, so that a parent read mid-exit cannot keep a walk going.
const maxDepth = 64;

/**
 * The command one of `orchestrators` started that `pid` is, or descends from, per /proc as of now;
 * undefined when `pid` is no living process of any of their commands' trees. Only commands:
 * procdash's own task processes never report.
 */
export function findReportingRoot(
	pid: number,
	orchestrators: Iterable<Orchestrator>,
): ReportingRoot | undefined {
	const roots = new Map<number, ReportingRoot>();
	for (const orchestrator of orchestrators) {
		for (const member of orchestrator.live()) {
			if (member.kind !== 'command' || member.pid === undefined) continue;
			roots.set(member.pid, {
				bus: orchestrator.bus,
				id: member.id,
				name: member.name,
				pid: member.pid,
			});
		}
	}
	let current = readStat(pid);
	if (!current || current.state === 'Z') return undefined;
	for (let depth = 0; current && depth < maxDepth; depth++) {
		const root = roots.get(current.pid);
		if (root) return root;
		if (current.ppid <= 1) return undefined;
		current = readStat(current.ppid);
	}
	return undefined;
}

/** True when `pid` is `rootPid` or a living descendant of it, per /proc as of now. */
export function inTree(pid: number, rootPid: number): boolean {
	let current = readStat(pid);
	for (let depth = 0; current && depth < maxDepth; depth++) {
		if (current.pid === rootPid) return true;
		if (current.ppid <= 1) return false;
		current = readStat(current.ppid);
	}
	return false;
}

/** True while `pid` names a process that has not exited (a zombie has). */
export function living(pid: number): boolean {
	const stat = readStat(pid);
	return stat !== undefined && stat.state !== 'Z';
}
