import type {SyncHolder} from '../core/events/index.js';
import type {PipeRow, QueueRow, SyncRow} from '../core/snapshot/index.js';

/** Names, first in line first: `alice, bob`. */
export function names(parties: readonly {readonly name: string}[]): string {
	return parties.map((party) => party.name).join(', ');
}

/** Holders with their counts where more than one: `alice ×2, bob`. */
export function holderNames(holders: readonly SyncHolder[]): string {
	return holders
		.map((holder) => `${holder.name}${holder.count > 1 ? ` ×${holder.count}` : ''}`)
		.join(', ');
}

/** A queue's depth of its maxsize: `3/5`, or `3/∞` when unbounded. */
export function depthText(queue: QueueRow): string {
	return `${queue.depth}/${queue.maxsize > 0 ? queue.maxsize : '∞'}`;
}

/** Who is blocked on a queue, by side: `put: producer-1 · get: consumer-2 · join: main`. */
export function blockedText(queue: QueueRow): string {
	return [
		queue.putters.length > 0 && `put: ${names(queue.putters)}`,
		queue.getters.length > 0 && `get: ${names(queue.getters)}`,
		(queue.joiners?.length ?? 0) > 0 && `join: ${names(queue.joiners ?? [])}`,
	]
		.filter((part) => part !== false)
		.join(' · ');
}

// An end no event named a user of yet goes by its letter.
function endName(pipe: PipeRow, end: 'a' | 'b'): string {
	return pipe.users[end] ?? end;
}

/**
 * A pipe's two ends and what travels between them: `ping ⇄ pong · → 1 ← 0` (in flight from a to b,
 * and back); one-way, where `a` only receives: `reader ← writer · 3 in flight`.
 */
export function pipeText(pipe: PipeRow): string {
	const a = endName(pipe, 'a');
	const b = endName(pipe, 'b');
	return pipe.duplex
		? `${a} ⇄ ${b} · → ${pipe.inFlight.b} ← ${pipe.inFlight.a}`
		: `${a} ← ${b} · ${pipe.inFlight.a} in flight`;
}

/** Who waits on a pipe, and which ends are closed: `recv: pong · closed: ping`. */
export function pipeWaitText(pipe: PipeRow): string {
	const receivers = [...pipe.receivers.a, ...pipe.receivers.b];
	const closed = (['a', 'b'] as const).filter((end) => pipe.closed[end]);
	return [
		receivers.length > 0 && `recv: ${names(receivers)}`,
		closed.length > 0 && `closed: ${closed.map((end) => endName(pipe, end)).join(', ')}`,
	]
		.filter((part) => part !== false)
		.join(' · ');
}

/** What a waiting object's row says of its state, and in which colour. */
export type StateText = {readonly text: string; readonly color: string};

/**
 * An RLock's holder and depth, a semaphore's permits left of its initial value and holders, an
 * event's flag, a condition's lock, a barrier's parties waiting: each after its kind.
 */
export function syncStateText(row: SyncRow): StateText {
	const held = row.holders.length > 0;
	switch (row.kind) {
		case 'rlock': {
			const [holder] = row.holders;
			return holder
				? {
						text: `rlock held by ${holder.name} (pid ${holder.pid}), depth ${holder.count}`,
						color: 'yellow',
					}
				: {text: 'rlock free', color: 'green'};
		}
		case 'semaphore':
		case 'bounded-semaphore': {
			const kind = row.kind === 'semaphore' ? 'semaphore' : 'bounded semaphore';
			const left = `${row.permits ?? 0} of ${row.initial ?? 0} left`;
			return {
				text: `${kind} ${left}${held ? ` · held by ${holderNames(row.holders)}` : ''}`,
				color: (row.permits ?? 0) > 0 ? 'green' : 'yellow',
			};
		}
		case 'event':
			return row.set ? {text: 'event set', color: 'green'} : {text: 'event clear', color: 'yellow'};
		case 'condition':
			return {
				text: `condition · lock ${held ? `held by ${holderNames(row.holders)}` : 'free'}`,
				color: held ? 'yellow' : 'green',
			};
		case 'barrier':
			return {
				text: `barrier ${row.waiters.length} of ${row.parties ?? 0} waiting · passed ${row.passed ?? 0}`,
				color: row.broken ? 'red' : row.waiters.length > 0 ? 'yellow' : 'green',
			};
		default:
			return {text: row.kind, color: 'white'};
	}
}
