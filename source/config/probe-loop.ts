import type {EventBus, ProbeKind} from '../core/events/index.js';
import {delay} from './delay.js';
import {type CheckContext, describeCheck, runCheck} from './probe-checks.js';
import type {Probe} from './types.js';

/** The process a probe watches, as the bus names it. */
export type Probed = {readonly id: number; readonly name: string};

/**
 * One probe of one process: its checks every `periodMs` after `initialDelayMs`, counted in a row.
 * A readiness probe ends once `successThreshold` checks passed (`ready` resolves true); after
 * `failureThreshold` failures it says the process is unhealthy and goes on trying. A liveness
 * probe says so after `failureThreshold` failures and calls `unhealthy`, then ends. A log_line
 * readiness probe follows the process's output from its construction: the first matching line
 * makes it ready.
 */
export class ProbeLoop {
	/** True once ready (readiness); false if stopped before. */
	readonly ready: Promise<boolean>;
	readonly #kind: ProbeKind;
	readonly #probe: Probe;
	readonly #target: Probed;
	readonly #bus: EventBus;
	readonly #context: CheckContext;
	readonly #unhealthy: () => void;
	readonly #stopped = new AbortController();
	#resolveReady!: (ready: boolean) => void;
	#unsubscribe: (() => void) | undefined;

	constructor(
		kind: ProbeKind,
		probe: Probe,
		target: Probed,
		{
			bus,
			context,
			unhealthy = () => {},
		}: {
			readonly bus: EventBus;
			readonly context: CheckContext;
			readonly unhealthy?: () => void;
		},
	) {
		this.#kind = kind;
		this.#probe = probe;
		this.#target = target;
		this.#bus = bus;
		this.#context = context;
		this.#unhealthy = unhealthy;
		this.ready = new Promise((resolve) => {
			this.#resolveReady = resolve;
		});
		const {check} = probe;
		if (check.kind !== 'log') return;
		// Followed from now, before the process starts, so that no early line is missed.
		this.#unsubscribe = bus.subscribe((event) => {
			if (event.type !== 'process:output' || event.id !== target.id) return;
			if (check.pattern.test(event.line)) this.#becomeReady();
		});
	}

	/** Begins probing (the process has started). */
	start(): void {
		const {check} = this.#probe;
		this.#bus.emit('probe:started', {
			...this.#target,
			probe: this.#kind,
			check: describeCheck(check),
		});
		if (check.kind !== 'log') void this.#loop(check);
	}

	/** Stops probing: the process exited, or the run ends. */
	stop(): void {
		this.#stopped.abort();
		this.#unsubscribe?.();
		this.#resolveReady(false);
	}

	async #loop(check: Exclude<Probe['check'], {kind: 'log'}>): Promise<void> {
		const {initialDelayMs, periodMs, timeoutMs, successThreshold, failureThreshold} = this.#probe;
		const signal = this.#stopped.signal;
		if (!(await delay(initialDelayMs, signal))) return;
		let successes = 0;
		let failures = 0;
		for (;;) {
			const result = await runCheck(check, timeoutMs, this.#context);
			if (signal.aborted) return;
			if (result.ok) {
				failures = 0;
				if (++successes >= successThreshold && this.#kind === 'readiness') {
					this.#becomeReady();
					return;
				}
			} else {
				successes = 0;
				failures++;
				const about = {...this.#target, probe: this.#kind};
				this.#bus.emit('probe:failed', {...about, message: result.message, failures});
				if (failures === failureThreshold) {
					this.#bus.emit('process:unhealthy', {...about, failures});
					if (this.#kind === 'liveness') {
						this.stop();
						this.#unhealthy();
						return;
					}
				}
			}
			if (!(await delay(periodMs, signal))) return;
		}
	}

	#becomeReady(): void {
		if (this.#stopped.signal.aborted) return;
		this.#bus.emit('process:ready', this.#target);
		this.#stopped.abort();
		this.#unsubscribe?.();
		this.#resolveReady(true);
	}
}
