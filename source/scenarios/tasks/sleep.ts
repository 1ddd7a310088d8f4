import {currentProcess, parentProcess} from '../../core/runtime/current.js';

/** What a sleeping child reports: who it is and who started it. */
export type SleepReport = {
	readonly name: string;
	readonly pid: number;
	readonly ppid: number;
	readonly parentName: string | undefined;
};

/** Sleeps `ms`, printing who it is before and after, and returns its pid and its parent's. */
export async function sleepAndReport(ms: number): Promise<SleepReport> {
	const self = currentProcess();
	console.log(`${self.name}: pid ${self.pid}, parent pid ${process.ppid}, sleeping ${ms} ms`);
	await new Promise((resolve) => setTimeout(resolve, ms));
	console.log(`${self.name}: awake`);
	return {name: self.name, pid: self.pid, ppid: process.ppid, parentName: parentProcess()?.name};
}
