// Where and what a benchmark run measured: the figures in bench/results.json mean something only
// beside the machine, the commit and the options of the run that gave them.
import {spawnSync} from 'node:child_process';
import {arch, availableParallelism, cpus, release, totalmem, type} from 'node:os';
import {pythonVersion} from './python.js';

/** The machine a run was measured on. */
export type Machine = {
	/** The CPU's model name, as the OS reports it. */
	readonly cpu: string;
	/** CPUs this process may use (`os.availableParallelism()`). */
	readonly cores: number;
	/** Physical memory in bytes. */
	readonly memoryBytes: number;
	/** Node's version, without the `v`. */
	readonly node: string;
	/** The OS kernel and architecture: `Linux 6.8.0 x64`. */
	readonly os: string;
	/** `Python 3.11.7`, or null when the Python anchors could not run. */
	readonly python: string | null;
};

/** The commit measured, and whether the working tree held changes not committed. */
export type Commit = {readonly hash: string; readonly modified: boolean};

/** The machine this process runs on. */
export function describeMachine(): Machine {
	return {
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		cores: availableParallelism(),
		memoryBytes: totalmem(),
		node: process.versions.node,
		os: `${type()} ${release()} ${arch()}`,
		python: pythonVersion(),
	};
}

/** The machine in one line, for the printed table. */
export function formatMachine(machine: Machine): string {
	const gigabytes = (machine.memoryBytes / 2 ** 30).toFixed(1);
	return `${machine.cpu}, ${machine.cores} cores, ${gigabytes} GB, ${machine.os}, Node ${machine.node}, ${machine.python ?? 'no python3'}`;
}

/** The commit of the working tree measured; null where git cannot tell (no git, no repository). */
export function describeCommit(): Commit | null {
	const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {encoding: 'utf8'});
	if (head.error || head.status !== 0) return null;
	const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
		encoding: 'utf8',
	});
	return {hash: head.stdout.trim(), modified: status.status === 0 && status.stdout.trim() !== ''};
}
