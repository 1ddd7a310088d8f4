import type {ProcessRow, Wait} from '../core/snapshot/index.js';

/** What a process row says in place of its state for a while, and in which colour. */
export type RowNote = {readonly text: string; readonly color: string};

/** Whole seconds from `now` until `at`, never below 0: what a countdown shows. */
function secondsUntil(at: number, now: number): number {
	return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What the row says instead of its bare state: while a stop waits, the countdown to SIGKILL (as the
 * header counts down a quit); while it is blocked on a lock, a queue, a pipe or another waiting
 * object (`wait`), that object by name; while a supervised process waits to start again, the
 * countdown to its restart, and which restart it is; once its restarts ran out, that it gave up.
 * `restarted`: a newer process with its name exists (the restart happened). Undefined when the
 * state says it all.
 */
export function rowNote(
	row: ProcessRow,
	now: number,
	restarted: boolean,
	wait?: Wait,
): RowNote | undefined {
	const alive = row.state === 'running' || row.state === 'paused';
	if (alive && row.killAt !== undefined)
		return {text: `stopping · SIGKILL in ${secondsUntil(row.killAt, now)} s`, color: 'yellow'};
	if (row.state === 'running' && wait) return {text: waitingText(wait), color: 'cyan'};
	const {restart} = row;
	if (alive || !restart) return undefined;
	if (restart.kind === 'gave-up') {
		const times = `${restart.restarts} restart${restart.restarts === 1 ? '' : 's'}`;
		return {text: `gave up after ${times}`, color: 'red'};
	}
	const which = `(${restart.attempt} of ${restart.of})`;
	if (restarted) return {text: `restarted ${which}`, color: 'gray'};
	return now < restart.at
		? {text: `restarting in ${secondsUntil(restart.at, now)} s ${which}`, color: 'yellow'}
		: {text: `restarting ${which}`, color: 'yellow'};
}

// A queue's side and a pipe's receiving say what the process waits to do; a lock, a semaphore, an
// event, a condition or a barrier is waited on in one way only.
function waitingText({object, kind, side}: Wait): string {
	return kind === 'queue' || kind === 'pipe'
		? `waiting on ${object} (${side})`
		: `waiting on ${object}`;
}
