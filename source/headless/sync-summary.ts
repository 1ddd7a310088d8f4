import type {Snapshot} from '../core/snapshot/index.js';

/** A queue in the summary: its final state, who was still blocked named. */
export type SummaryQueue = {
	readonly kind: string;
	readonly depth: number;
	readonly maxsize: number;
	readonly puts: number;
	readonly gets: number;
	readonly putters: readonly string[];
	readonly getters: readonly string[];
	/** A JoinableQueue's items not marked done, and who was in `join()`. */
	readonly unfinished?: number;
	readonly joiners?: readonly string[];
	readonly closed: boolean;
};

/** A pipe in the summary: messages sent and in flight, by end (`a` and `b`). */
export type SummaryPipe = {
	readonly duplex: boolean;
	readonly sent: {readonly a: number; readonly b: number};
	readonly inFlight: {readonly a: number; readonly b: number};
	readonly receivers: readonly string[];
	readonly closed: {readonly a: boolean; readonly b: boolean};
};

/** An RLock, semaphore, event, condition or barrier in the summary: its final state. */
export type SummarySync = {
	readonly kind: string;
	readonly holders: readonly {readonly name: string; readonly count: number}[];
	readonly waiters: readonly string[];
	readonly permits?: number;
	readonly initial?: number;
	readonly set?: boolean;
	readonly parties?: number;
	readonly broken?: boolean;
	readonly passed?: number;
	/** The last holder that died holding it, unless someone took it since. */
	readonly abandonedBy: string | null;
};

const named = (parties: readonly {readonly name: string}[]) => parties.map(({name}) => name);

/** The summary's sections for queues, pipes, the other waiting objects and managed objects, by name. */
export const syncSections = {
	queues: ({sync}: Snapshot): Record<string, SummaryQueue> =>
		Object.fromEntries(
			sync.queues.map((row) => [
				row.name,
				{
					kind: row.kind,
					depth: row.depth,
					maxsize: row.maxsize,
					puts: row.puts,
					gets: row.gets,
					putters: named(row.putters),
					getters: named(row.getters),
					...(row.unfinished === undefined ? {} : {unfinished: row.unfinished}),
					...(row.joiners === undefined ? {} : {joiners: named(row.joiners)}),
					closed: row.closed,
				},
			]),
		),
	pipes: ({sync}: Snapshot): Record<string, SummaryPipe> =>
		Object.fromEntries(
			sync.pipes.map((row) => [
				row.name,
				{
					duplex: row.duplex,
					sent: row.sent,
					inFlight: row.inFlight,
					receivers: named([...row.receivers.a, ...row.receivers.b]),
					closed: row.closed,
				},
			]),
		),
	sync: ({sync}: Snapshot): Record<string, SummarySync> =>
		Object.fromEntries(
			sync.objects.map((row) => [
				row.name,
				{
					kind: row.kind,
					holders: row.holders.map(({name, count}) => ({name, count})),
					waiters: named(row.waiters),
					...definedOnly({
						permits: row.permits,
						initial: row.initial,
						set: row.set,
						parties: row.parties,
						broken: row.broken,
						passed: row.passed,
					}),
					abandonedBy: row.abandoned?.name ?? null,
				},
			]),
		),
	managed: ({sync}: Snapshot): Record<string, {readonly kind: string; readonly size: number}> =>
		Object.fromEntries(sync.managed.map((row) => [row.name, {kind: row.kind, size: row.size}])),
};

// The fields a kind has: a semaphore's permits, an event's flag, a barrier's parties.
function definedOnly<T extends object>(fields: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined),
	) as Partial<T>;
}
