// The machine's CPU load and memory from /proc, on Linux: two small file reads a second, where
// systeminformation runs `cat /proc/stat | grep cpu` through a shell (three processes, ~6 ms of a
// blocked event loop) on every call.

import {availableParallelism} from 'node:os';
import type {MachineStats} from '../events/index.js';
import {type ProcReader, readProcFile} from './proc.js';

type CpuTimes = {readonly busy: number; readonly total: number};

let previous: CpuTimes | undefined;

function cpuTimes(read: ProcReader): CpuTimes {
	const line = (read('/proc/stat') ?? '').split('\n', 1)[0] ?? '';
	// cpu  user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
	const ticks = line.trim().split(/\s+/).slice(1).map(Number);
	const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
	const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
	return {busy: total - idle, total};
}

function meminfo(read: ProcReader): {readonly total: number; readonly available: number} {
	const text = read('/proc/meminfo') ?? '';
	const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
	return {total: kib('MemTotal') * 1024, available: kib('MemAvailable') * 1024};
}

/**
 * The machine's load since the previous call (since boot on the first), and its memory in use
 * (total less available, as systeminformation's `active`); undefined where /proc cannot tell.
 */
export function procMachine(read: ProcReader = readProcFile): MachineStats | undefined {
	try {
		const now = cpuTimes(read);
		const since = previous ?? {busy: 0, total: 0};
		previous = now;
		const elapsed = now.total - since.total;
		const memory = meminfo(read);
		return {
			cpu: elapsed > 0 ? ((now.busy - since.busy) / elapsed) * 100 : 0,
			cores: availableParallelism(),
			memoryUsed: memory.total - memory.available,
			memoryTotal: memory.total,
		};
	} catch {
		return undefined;
	}
}
