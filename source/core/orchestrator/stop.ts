import type {EventBus, GroupLeader} from '../events/index.js';
import {type Escapee, signalEscapees, stillAlive} from './escapees.js';
import type {ProcessGroups} from './groups.js';
import type {Member} from './member.js';

// After SIGKILL, how long a group may take to disappear before it counts as a survivor.
const reapTimeoutMs = 2000;
// How often the groups are looked at while the stop waits for them.
const pollMs = 50;

/** What a stop needs of its orchestrator. */
export type StopTargets = {
	readonly bus: EventBus;
	readonly groups: ProcessGroups;
	/** The processes alive now (it changes as they exit). */
	readonly live: () => Member[];
	/** Every living process that carries the orchestrator's token, wherever its group is. */
	readonly owned: () => Escapee[];
};

/** How a stop ended. */
export type GroupsStopped = {
	/** Groups, and processes that had left them, still alive after SIGKILL: should be none. */
	readonly survivors: readonly number[];
	/** Processes that had left their group, found by their token, and stopped with the rest. */
	readonly escaped: readonly Escapee[];
};

/**
 * Stops every process group of an orchestrator: SIGTERM (and SIGCONT, so that a paused group can
 * act on it) to each, up to `graceMs` for all of them to be gone, then SIGKILL to whatever is left.
 * A group outlives its leader when the leader's children stay (`sh -c 'sleep 100 &'`): such groups
 * are stopped too, and so is every process that left its group but carries the orchestrator's
 * token. The bus names the groups still holding up the stop as that changes. Resolves with what
 * is still alive after all that: the survivors, which should be none.
 */
export async function stopGroups(
	{bus, groups, live, owned}: StopTargets,
	graceMs: number,
): Promise<GroupsStopped> {
	const deadline = performance.now() + graceMs;
	// A process with a stop rule of its own (a grace, a command) is stopped by its own stop();
	// the stop as a whole then lasts as long as the longest grace.
	const ownRules = live().filter(
		(process) => process.stopCommand !== undefined || process.stopGraceMs !== undefined,
	);
	const longest = Math.max(graceMs, ...ownRules.map((process) => process.stopGraceMs ?? graceMs));
	const plain = () => live().filter((process) => !ownRules.includes(process));
	const targets = new Map<number, GroupLeader>();
	for (const process of live()) {
		if (process.pid !== undefined)
			targets.set(process.pid, {id: process.id, name: process.name, pid: process.pid});
	}
	for (const leader of groups.lingering()) targets.set(leader.pid, leader);
	bus.emit('orchestrator:stopping', {
		graceMs: longest,
		deadline: Math.round(bus.elapsed() + longest),
		holding: [...targets.values()],
	});
	const escaped = owned().filter((process) => !targets.has(process.pgrp));
	const ownStops = ownRules.map((process) => process.stop(process.stopGraceMs ?? graceMs));
	for (const signal of ['SIGTERM', 'SIGCONT'] as const) {
		signalEach(bus, groups, plain(), signal);
		signalEscapees(escaped, signal);
	}
	await waitForGroups(bus, groups, live, [...targets.values()], deadline, escaped);
	signalEach(bus, groups, plain(), 'SIGKILL');
	signalEscapees(escaped, 'SIGKILL');
	// Each of those ends by its own grace, SIGKILL included.
	await Promise.all(ownStops);
	signalEach(bus, groups, live(), 'SIGKILL');
	// A start that was under way when the stop began ends in a kill at its spawn; wait for it.
	await Promise.all(
		live().map((process) => (process.pid === undefined ? undefined : process.join(reapTimeoutMs))),
	);
	// Whatever still carries the token now escaped while the stop went on: no grace for it.
	const late = owned();
	signalEscapees(late, 'SIGKILL');
	return {survivors: await survivors(groups, late), escaped};
}

/** Sends `signal` to each live process's group and to every lingering group. */
export function signalEach(
	bus: EventBus,
	groups: ProcessGroups,
	processes: readonly Member[],
	signal: NodeJS.Signals,
): void {
	// A stop begins with each member's own stop signal (SIGTERM unless it asked for another).
	for (const process of processes)
		process.signal(signal === 'SIGTERM' ? process.stopSignal : signal);
	for (const leader of groups.signalLingering(signal)) {
		bus.emit('process:signalled', {...leader, signal});
	}
}

// Until every group is gone and every live process has had its exit seen, or the deadline.
async function waitForGroups(
	bus: EventBus,
	groups: ProcessGroups,
	live: () => Member[],
	targets: readonly GroupLeader[],
	deadline: number,
	escaped: readonly Escapee[],
): Promise<void> {
	let told = targets.map((leader) => leader.pid).join();
	while (performance.now() < deadline) {
		const holding = groups.living(targets);
		const now = holding.map((leader) => leader.pid).join();
		if (now !== told) {
			told = now;
			bus.emit('orchestrator:waiting', {holding});
		}
		if (holding.length === 0 && live().length === 0 && !escaped.some(stillAlive)) return;
		await sleep(Math.min(pollMs, Math.max(0, deadline - performance.now())));
	}
}

async function survivors(groups: ProcessGroups, late: readonly Escapee[]): Promise<number[]> {
	const deadline = performance.now() + reapTimeoutMs;
	const alive = () => [
		...groups.survivors(),
		...late.filter(stillAlive).map((process) => process.pid),
	];
	let left = alive();
	while (left.length > 0 && performance.now() < deadline) {
		await sleep(20);
		left = alive();
	}
	return [...new Set(left)];
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
