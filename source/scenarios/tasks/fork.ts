import {currentProcess} from '../../core/runtime/current.js';

/** The state a fork hands its clone: a copy, never shared. */
export type ForkState = {counter: number};

/** What the clone saw: its fork result, its pid and its parent's, and its copy after the change. */
export type CloneReport = {
	readonly forkResult: number;
	readonly pid: number;
	readonly ppid: number;
	readonly counter: number;
};

/** The clone's side of fork(): receives 0 and a copy of the state, changes the copy to 100. */
export function clone(forkResult: number, state: ForkState): CloneReport {
	state.counter = 100;
	console.log(
		`${currentProcess().name}: fork() returned ${forkResult} here; counter set to ${state.counter} in this copy`,
	);
	return {forkResult, pid: process.pid, ppid: process.ppid, counter: state.counter};
}
