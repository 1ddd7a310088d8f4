import {execFileSync, spawn} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {
	isRunning,
	listPids,
	ProcFiles,
	parseStat,
	readProcFile,
	readStat,
	statusBytes,
	system,
} from '../../../source/core/stats/proc.js';
import {waitFor} from '../../helpers/processes.js';

test('the page size and clock ticks are the ones the system reports (getconf)', () => {
	const getconf = (name: string) => Number(execFileSync('getconf', [name], {encoding: 'utf8'}));
	expect(system()).toEqual({pageSize: getconf('PAGESIZE'), clockTicks: getconf('CLK_TCK')});
});

test('a command holding spaces and parentheses does not shift the fields after it', () => {
	// Fields 1–52 of proc(5), with a comm of `a) (b` and every number distinct.
	const after = Array.from({length: 50}, (_, index) => String(index + 3));
	after[0] = 'Z';
	const stat = parseStat(`4242 (a) (b) ${after.join(' ')}\n`);
	expect(stat).toMatchObject({
		pid: 4242,
		comm: 'a) (b',
		state: 'Z',
		ppid: 4,
		pgrp: 5,
		utime: 14,
		stime: 15,
		numThreads: 20,
		starttime: 22,
		rssBytes: 24 * system().pageSize,
		exitCode: 52,
	});
});

test('this process, read from /proc: its parent, its threads, its memory', () => {
	const stat = readStat(process.pid);
	expect(stat?.ppid).toBe(process.ppid);
	expect(stat?.numThreads).toBeGreaterThan(1);
	const rss = process.memoryUsage().rss;
	expect(stat?.rssBytes).toBeGreaterThan(rss / 2);
	expect(stat?.rssBytes).toBeLessThan(rss * 2);
	expect(statusBytes(process.pid, 'VmHWM')).toBeGreaterThanOrEqual(stat?.rssBytes ?? Infinity);
	expect(isRunning(process.pid)).toBe(true);
	expect(listPids()).toContain(process.pid);
});

test('a pid that is gone reads as undefined, not as an error', () => {
	const gone = Math.max(...listPids()) + 100_000;
	expect(readStat(gone)).toBeUndefined();
	expect(isRunning(gone)).toBe(false);
	expect(statusBytes(gone, 'VmRSS')).toBeUndefined();
});

describe('ProcFiles', () => {
	// The descriptors this process holds open, from /proc/self/fd.
	const openFiles = () => readdirSync('/proc/self/fd').length;

	test('reads what readProcFile reads, each file opened once, and closes what a sweep did not see', async () => {
		const child = spawn('sleep', ['30'], {stdio: 'ignore'});
		const files = new ProcFiles();
		const before = openFiles();
		try {
			const stat = `/proc/${child.pid}/stat`;
			// Asleep, its stat stays the same from one read to the next.
			await waitFor(() => readStat(child.pid as number)?.state === 'S', {message: 'sleep asleep'});
			const children = `/proc/${process.pid}/task/${process.pid}/children`;
			// Read again and again, each read gives the text as it is now, as a fresh open would.
			for (let round = 0; round < 3; round++) {
				expect(files.read(stat)).toBe(readProcFile(stat));
				expect(files.read(children)?.trim().split(' ')).toContain(String(child.pid));
				files.sweep();
			}
			expect(files.size).toBe(2);
			expect(openFiles()).toBe(before + 2);
			// A file not read since the last sweep is closed at the next.
			files.read(stat);
			files.sweep();
			expect(files.size).toBe(1);
			// A process that ended (and was reaped) reads as undefined, and its file is let go.
			child.kill('SIGKILL');
			await waitFor(() => files.read(stat) === undefined, {message: 'the stat of a killed sleep'});
			expect(files.size).toBe(0);
			expect(openFiles()).toBe(before);
		} finally {
			child.kill('SIGKILL');
			files.close();
		}
	});

	test('holds no more files open than it may, and closes every one at close', () => {
		const before = openFiles();
		const files = new ProcFiles(2);
		for (const name of ['stat', 'status', 'statm', 'cmdline'])
			expect(files.read(`/proc/self/${name}`)?.length).toBeGreaterThan(0);
		expect(files.size).toBe(2);
		expect(openFiles()).toBe(before + 2);
		files.close();
		expect(files.size).toBe(0);
		expect(openFiles()).toBe(before);
	});
});
