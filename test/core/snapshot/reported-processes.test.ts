import {expect, test} from 'vitest';
import {EventBus, fold} from '../../../source/index.js';

// Processes a program reported over the report channel (docs/watch-your-program.md) are rows of
// their own, attributed to the program's row by `program`.

function program(bus: EventBus) {
	bus.emit('process:created', {
		id: 1,
		name: 'node',
		kind: 'command',
		daemon: false,
		target: 'node app.js',
	});
	bus.emit('process:started', {id: 1, name: 'node', pid: 100, ppid: 1});
	for (const [id, pid] of [
		[1_000_000_000, 101],
		[1_000_000_001, 102],
	] as const) {
		const name = `app.js · Process-${pid - 100}`;
		bus.emit('process:created', {id, name, kind: 'task', daemon: false, target: 't#f', program: 1});
		bus.emit('process:started', {id, name, pid, ppid: 100});
	}
}

test('a reported row carries its program; its end, told, is its own', () => {
	const bus = new EventBus({now: () => 0});
	program(bus);
	bus.emit('process:exited', {
		id: 1_000_000_000,
		name: 'app.js · Process-1',
		pid: 101,
		exitcode: 3,
		signal: null,
	});
	const rows = fold(bus.history()).processes;
	expect(rows.map((row) => [row.name, row.program, row.state, row.exitcode])).toEqual([
		['node', undefined, 'running', null],
		['app.js · Process-1', 1, 'failed', 3],
		['app.js · Process-2', 1, 'running', null],
	]);
});

test('when the program’s row exits, what it reported and had not told the end of is shown ended, with no exit code', () => {
	const bus = new EventBus({now: () => 0});
	program(bus);
	bus.emit('process:exited', {
		id: 1_000_000_000,
		name: 'app.js · Process-1',
		pid: 101,
		exitcode: 0,
		signal: null,
	});
	bus.emit('process:exited', {id: 1, name: 'node', pid: 100, exitcode: -15, signal: 'SIGTERM'});
	const rows = fold(bus.history()).processes;
	expect(rows.map((row) => [row.name, row.state, row.exitcode])).toEqual([
		['node', 'exited', -15],
		['app.js · Process-1', 'exited', 0],
		['app.js · Process-2', 'exited', null],
	]);
});
