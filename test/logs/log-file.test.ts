import {mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {LogFile} from '../../source/logs/log-file.js';

const directory = () => mkdtempSync(path.join(tmpdir(), 'procdash-log-'));

test('a log file is mode 0600, even one that existed with another mode, and is appended to', async () => {
	const file = path.join(directory(), 'web.log');
	writeFileSync(file, 'before\n', {mode: 0o644});
	const log = new LogFile(file, {maxBytes: 1024, keep: 1});
	log.write('after\n');
	expect(await log.close()).toBeUndefined();
	expect(readFileSync(file, 'utf8')).toBe('before\nafter\n');
	expect(statSync(file).mode & 0o777).toBe(0o600);
});

test('a disk that refuses ends the logging, not the run: close() says why', async () => {
	const log = new LogFile(path.join(directory(), 'missing', 'web.log'), {maxBytes: 1024, keep: 1});
	log.write('lost\n');
	expect((await log.close())?.message).toMatch(/ENOENT/);
});

test('rotation with small writes: the live file never passes the size, and old ones shift up', async () => {
	const file = path.join(directory(), 'app.log');
	const log = new LogFile(file, {maxBytes: 50, keep: 2});
	for (let index = 0; index < 6; index++) {
		log.write(`entry ${index} ${'y'.repeat(12)}\n`); // 22 bytes
		await log.close();
	}
	expect(readFileSync(file, 'utf8')).toBe(`entry 4 ${'y'.repeat(12)}\nentry 5 ${'y'.repeat(12)}\n`);
	expect(readFileSync(`${file}.1`, 'utf8')).toBe(
		`entry 2 ${'y'.repeat(12)}\nentry 3 ${'y'.repeat(12)}\n`,
	);
	expect(readFileSync(`${file}.2`, 'utf8')).toBe(
		`entry 0 ${'y'.repeat(12)}\nentry 1 ${'y'.repeat(12)}\n`,
	);
});

test('output faster than the disk: what does not fit the queue is dropped, and the file says how many lines', async () => {
	const file = path.join(directory(), 'flood.log');
	const log = new LogFile(file, {maxBytes: 1024 * 1024 * 1024, keep: 0});
	const line = `${'z'.repeat(1023)}\n`;
	// 6 MiB written in one go, with no chance for the disk to take any of it meanwhile
	for (let index = 0; index < 6 * 1024; index++) log.write(line);
	await log.close();
	const text = readFileSync(file, 'utf8');
	const dropped = /\[procdash: (\d+) lines dropped: the disk was slower than the output\]/.exec(
		text,
	);
	expect(dropped).not.toBeNull();
	const written = text.split('\n').filter((each) => each === line.trimEnd()).length;
	// Every line either written or counted as dropped
	expect(written + Number(dropped?.[1])).toBe(6 * 1024);
	expect(written).toBeGreaterThanOrEqual(4 * 1024 - 1);
});
