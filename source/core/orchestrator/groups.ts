import type {GroupLeader} from '../events/index.js';
import {livingGroups} from '../stats/sampler.js';
import {Watchdog} from './watchdog.js';

// How often a group whose leader exited is looked at again, to let the watchdog forget it.
const pruneIntervalMs = 1000;

/**
 * Every process group an orchestrator started, guarded by its watchdog until the group's last
 * member is gone — which may be long after the leader exited: `sh -c 'sleep 100 &'` exits at
 * once and leaves its sleep in the group. Such a group is "lingering": stop() still ends it.
 */
export class ProcessGroups {
	readonly #watchdog: Watchdog;
	// Every group started and not yet seen empty, by pgid. Only these can survive a stop: an older
	// group's number may since have been taken by a group that is none of procdash's business.
	readonly #guarded = new Map<number, GroupLeader>();
	// Guarded groups whose leader has exited.
	readonly #lingering = new Map<number, GroupLeader>();
	#pruneTimer: NodeJS.Timeout | undefined;

	/** `token`: what the environment of every child of the orchestrator carries. */
	constructor(token?: string) {
		this.#watchdog = new Watchdog(token);
	}

	/** Ends the watchdog now if nothing is left to guard (the orchestrator has stopped). */
	close(): void {
		this.#watchdog.close();
	}

	/** The watchdog's pid while it runs. */
	get watchdogPid(): number | undefined {
		return this.#watchdog.pid;
	}

	/**
	 * Guards a group from the moment its leader is forked: a process's, before its start is
	 * reported; a spare runtime's, which is no process's yet.
	 */
	guard(pgid: number): void {
		this.#watchdog.add(pgid);
	}

	/** Stops guarding a group `guard` added. */
	unguard(pgid: number): void {
		if (!this.#guarded.has(pgid)) this.#watchdog.remove(pgid);
	}

	/** A process started: guard its group. */
	started(leader: GroupLeader): void {
		this.#guarded.set(leader.pid, leader);
		this.#watchdog.add(leader.pid);
	}

	/** A process exited: stop guarding its group once nothing in it lives. */
	exited(pgid: number): void {
		const leader = this.#guarded.get(pgid);
		if (!leader) return;
		if (!livingGroups([pgid]).has(pgid)) {
			this.#forget(pgid);
			return;
		}
		this.#lingering.set(pgid, leader);
		this.#pruneTimer ??= setInterval(() => this.#prune(), pruneIntervalMs);
		this.#pruneTimer.unref();
	}

	/** The groups whose leader exited but which still have a living member. */
	lingering(): GroupLeader[] {
		this.#prune();
		return [...this.#lingering.values()];
	}

	/** Of the groups led by `leaders`, those with a living member. */
	living(leaders: Iterable<GroupLeader>): GroupLeader[] {
		const list = [...leaders];
		const living = livingGroups(list.map((leader) => leader.pid));
		return list.filter((leader) => living.has(leader.pid));
	}

	/** Every guarded group that still has a living member: after a stop, the survivors. */
	survivors(): number[] {
		return [...livingGroups(this.#guarded.keys())];
	}

	/** Sends `signal` to every lingering group; returns those it reached. */
	signalLingering(signal: NodeJS.Signals): GroupLeader[] {
		const reached: GroupLeader[] = [];
		for (const leader of this.lingering()) {
			try {
				process.kill(-leader.pid, signal);
				reached.push(leader);
			} catch {
				// Its last member ended since the check.
			}
		}
		return reached;
	}

	#prune(): void {
		if (this.#lingering.size === 0) return;
		const living = livingGroups(this.#lingering.keys());
		for (const pgid of [...this.#lingering.keys()]) {
			if (living.has(pgid)) continue;
			this.#lingering.delete(pgid);
			this.#forget(pgid);
		}
		if (this.#lingering.size === 0) {
			clearInterval(this.#pruneTimer);
			this.#pruneTimer = undefined;
		}
	}

	#forget(pgid: number): void {
		this.#guarded.delete(pgid);
		this.#watchdog.remove(pgid);
	}
}
