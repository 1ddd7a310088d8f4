import {currentProcess} from '../../core/runtime/current.js';

/** One task of the pool presets: its place in the input and how long it sleeps. */
export type SleepTask = {readonly index: number; readonly seconds: number};

/** What a pool preset's task returns: which task, and which worker ran it. */
export type SleepResult = SleepTask & {readonly worker: string; readonly pid: number};

/** Sleeps `seconds` and says which worker did, like `time.sleep` in a Python pool task. */
export async function sleepTask({index, seconds}: SleepTask): Promise<SleepResult> {
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	return {index, seconds, worker: currentProcess().name, pid: process.pid};
}
