import type {
	PipeState,
	QueueKind,
	QueueState,
	SyncKind,
	SyncState,
} from '../../source/core/events/index.js';
import {EventBus, type EventMap, fold, type Snapshot} from '../../source/index.js';

type QueueType = Extract<keyof EventMap, `queue:${string}`>;
type PipeType = Extract<keyof EventMap, `pipe:${string}`>;
type SyncType = Extract<
	keyof EventMap,
	`sync:${string}` | `event:${string}` | `condition:${string}` | `barrier:${string}`
>;

/** What an event carries besides the object and its state. */
type Extras<K extends keyof EventMap, Ref extends string> = Omit<EventMap[K], Ref | 'state'>;

/**
 * Events of queues, pipes and the other waiting objects written by hand, as the broker would emit
 * them, on a bus whose clock the test sets: for the pure reducers, the panels and the summary,
 * which need no process. Each object keeps its state; every event changes it by a patch and
 * carries it whole, as the broker's do. On `given` when given (an orchestrator's bus, under a dashboard).
 */
export function handWrittenSync(given?: EventBus) {
	let now = 0;
	const bus = given ?? new EventBus({now: () => now, historySize: 10_000});
	return {
		bus,
		/** Sets the clock, in milliseconds since the bus started (of a bus this helper made). */
		at(ms: number) {
			now = ms;
		},
		snapshot: (): Snapshot => fold(bus.history()),
		/** A queue, created now. */
		queue(id: number, name: string, kind: QueueKind, maxsize = 0) {
			let state: QueueState = {
				depth: 0,
				maxsize,
				puts: 0,
				gets: 0,
				putters: [],
				getters: [],
				closed: false,
				...(kind === 'joinable' ? {unfinished: 0, joiners: []} : {}),
			};
			const ref = () => ({id, name, kind, state});
			bus.emit('queue:created', ref());
			return {
				state: () => state,
				emit<K extends QueueType>(
					type: K,
					extras: Extras<K, 'id' | 'name' | 'kind'>,
					patch: Partial<QueueState>,
				) {
					state = {...state, ...patch};
					bus.emit(type, {...ref(), ...extras} as unknown as EventMap[K]);
				},
			};
		},
		/** A pipe, created now. */
		pipe(id: number, name: string, duplex = true) {
			let state: PipeState = {
				duplex,
				inFlight: {a: 0, b: 0},
				sent: {a: 0, b: 0},
				receivers: {a: [], b: []},
				closed: {a: false, b: false},
			};
			const ref = () => ({id, name, state});
			bus.emit('pipe:created', ref());
			return {
				emit<K extends PipeType>(
					type: K,
					extras: Extras<K, 'id' | 'name'>,
					patch: Partial<PipeState>,
				) {
					state = {...state, ...patch};
					bus.emit(type, {...ref(), ...extras} as unknown as EventMap[K]);
				},
			};
		},
		/** An RLock, semaphore, event, condition or barrier, created now. */
		object(id: number, name: string, kind: SyncKind, initial: Partial<SyncState> = {}) {
			let state: SyncState = {holders: [], waiters: [], ...initial};
			const ref = () => ({id, name, kind, state});
			bus.emit('sync:created', ref());
			return {
				emit<K extends SyncType>(
					type: K,
					extras: Extras<K, 'id' | 'name' | 'kind'>,
					patch: Partial<SyncState>,
				) {
					state = {...state, ...patch};
					bus.emit(type, {...ref(), ...extras} as unknown as EventMap[K]);
				},
			};
		},
	};
}
