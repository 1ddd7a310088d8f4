import type {BusEvent, PipeState, QueueKind, QueueState} from '../events/index.js';
import {addCompletions, emptyHistory, type PoolHistory, recordDepth} from './pool-history.js';
import {upsert} from './upsert.js';

/** A queue as of its last event: the broker's state whole, and its recent past for rates. */
export type QueueRow = QueueState & {
	readonly id: number;
	readonly name: string;
	readonly kind: QueueKind;
	/** The highest depth in each bucket, for the sparkline. */
	readonly depthHistory: PoolHistory;
	/** Items put and got in each bucket, for puts and gets per second. */
	readonly putCounts: PoolHistory;
	readonly getCounts: PoolHistory;
};

/** A pipe as of its last event: the broker's state whole, who uses each end, and its recent past. */
export type PipeRow = PipeState & {
	readonly id: number;
	readonly name: string;
	/** The process last seen at each end (sending, receiving or closing it), as far as events tell. */
	readonly users: {readonly a: string | undefined; readonly b: string | undefined};
	/** Messages sent either way in each bucket, for messages per second. */
	readonly sentCounts: PoolHistory;
};

type QueueEvent = Extract<BusEvent, {type: `queue:${string}`}>;
type PipeEvent = Extract<BusEvent, {type: `pipe:${string}`}>;

/** Folds one event into the queues; the same array back when the event is not about a queue. */
export function reduceQueues(queues: readonly QueueRow[], event: BusEvent): readonly QueueRow[] {
	if (!event.type.startsWith('queue:')) return queues;
	const queueEvent = event as QueueEvent;
	// A queue first seen in a later event (a recording cut short at its start) gets its row then.
	return upsert(queues, queueEvent.id, (row) => queueRow(row, queueEvent));
}

/** Folds one event into the pipes; the same array back when the event is not about a pipe. */
export function reducePipes(pipes: readonly PipeRow[], event: BusEvent): readonly PipeRow[] {
	if (!event.type.startsWith('pipe:')) return pipes;
	const pipeEvent = event as PipeEvent;
	return upsert(pipes, pipeEvent.id, (row) => pipeRow(row, pipeEvent));
}

function queueRow(row: QueueRow | undefined, event: QueueEvent): QueueRow {
	const {state, at} = event;
	const previous = row ?? {depth: state.depth, puts: state.puts, gets: state.gets};
	return {
		id: event.id,
		name: event.name,
		kind: event.kind,
		...state,
		depthHistory: recordDepth(row?.depthHistory ?? emptyHistory, at, previous.depth, state.depth),
		putCounts: counted(row?.putCounts, at, state.puts - previous.puts),
		getCounts: counted(row?.getCounts, at, state.gets - previous.gets),
	};
}

function pipeRow(row: PipeRow | undefined, event: PipeEvent): PipeRow {
	const {state, at} = event;
	const sentBefore = row ? row.sent.a + row.sent.b : state.sent.a + state.sent.b;
	const users = row?.users ?? {a: undefined, b: undefined};
	return {
		id: event.id,
		name: event.name,
		...state,
		users: 'by' in event ? {...users, [event.end]: event.by.name} : users,
		sentCounts: counted(row?.sentCounts, at, state.sent.a + state.sent.b - sentBefore),
	};
}

// Counts only ever grow; a bucket is added only when something happened, so the history stays
// short for an idle object.
function counted(history: PoolHistory | undefined, at: number, added: number): PoolHistory {
	return added > 0 ? addCompletions(history ?? emptyHistory, at, added) : (history ?? emptyHistory);
}
