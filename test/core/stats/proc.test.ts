import {execFileSync} from 'node:child_process';
import {expect, test} from 'vitest';
import {
	isRunning,
	listPids,
	parseStat,
	readStat,
	statusBytes,
	system,
} from '../../../source/core/stats/proc.js';

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
