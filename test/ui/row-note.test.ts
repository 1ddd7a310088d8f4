import {expect, test} from 'vitest';
import {EventBus, fold} from '../../source/index.js';
import {rowNote} from '../../source/ui/row-note.js';

function runningRow() {
	const bus = new EventBus({now: () => 0});
	bus.emit('process:created', {id: 1, name: 'producer', kind: 'task', daemon: false, target: 't'});
	bus.emit('process:started', {id: 1, name: 'producer', pid: 10, ppid: 1});
	const [row] = fold(bus.history()).processes;
	if (!row) throw new Error('no row');
	return row;
}

test('a blocked process names the object it waits on, and on a queue or a pipe what it waits to do', () => {
	const row = runningRow();
	expect(rowNote(row, 0, false, {object: 'jobs', kind: 'queue', side: 'put'})).toEqual({
		text: 'waiting on jobs (put)',
		color: 'cyan',
	});
	expect(rowNote(row, 0, false, {object: 'Pipe-1', kind: 'pipe', side: 'recv'})?.text).toBe(
		'waiting on Pipe-1 (recv)',
	);
	expect(rowNote(row, 0, false, {object: 'gate', kind: 'semaphore', side: 'acquire'})?.text).toBe(
		'waiting on gate',
	);
	expect(rowNote(row, 0, false)).toBeUndefined();
});

test('the countdown of a stop wins over a wait, and a process that is not running waits on nothing', () => {
	const row = runningRow();
	const wait = {object: 'start', kind: 'event', side: 'wait'} as const;
	expect(rowNote({...row, killAt: 3000}, 0, false, wait)?.text).toBe('stopping · SIGKILL in 3 s');
	expect(rowNote({...row, state: 'paused'}, 0, false, wait)).toBeUndefined();
});
