import type {EventBus} from '../events/index.js';
import type {Member} from '../orchestrator/member.js';
import {StatsSampler} from './sampler.js';

/**
 * An orchestrator's stats sampling: every interval, the CPU and memory of its live processes (and
 * their descendants), of its threads and of the machine, as one `stats:sampled` event.
 */
export class StatsSampling {
	readonly #bus: EventBus;
	readonly #live: () => readonly Member[];
	readonly #sampler = new StatsSampler();
	#timer: NodeJS.Timeout | undefined;

	constructor(bus: EventBus, live: () => readonly Member[]) {
		this.#bus = bus;
		this.#live = live;
	}

	/** Samples now and every `intervalMs`; a no-op while already sampling. */
	start(intervalMs: number): void {
		if (this.#timer) return;
		this.#timer = setInterval(() => void this.#tick(), intervalMs);
		this.#timer.unref();
		void this.#tick();
	}

	/** Stops sampling; a sample under way is not emitted. */
	stop(): void {
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#sampler.close();
	}

	async #tick(): Promise<void> {
		const live = this.#live();
		const roots = live
			.filter((member) => member.kind !== 'thread')
			.map((process) => process.pid)
			.filter((pid): pid is number => pid !== undefined);
		const threads = this.#sampler.sampleThreads(
			live.flatMap((member) =>
				member.kind === 'thread' && member.tid !== undefined
					? [{id: member.id, tid: member.tid as number}]
					: [],
			),
		);
		const [processes, machine] = await Promise.all([
			this.#sampler.sample(roots),
			this.#sampler.machine(),
		]);
		if (!this.#timer) return;
		this.#sampler.sweep();
		this.#bus.emit('stats:sampled', {
			processes,
			...(threads.length > 0 ? {threads} : {}),
			...(machine ? {machine} : {}),
		});
	}
}
