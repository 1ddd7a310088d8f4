import {expect, test} from 'vitest';
import {decodeEvent, ReportedProgram, reportedIdBase} from '../../../source/core/report/decode.js';

test('ids map per program and per kind: the same remote id of two kinds, or of two programs, is two local ids', () => {
	const app = new ReportedProgram('app.py');
	const other = new ReportedProgram('other.py');
	const lock = decodeEvent({type: 'lock:created', id: 1, name: 'Lock-1'}, app);
	const value = decodeEvent(
		{type: 'value:created', id: 1, name: 'V', typecode: 'i', value: 0},
		app,
	);
	const again = decodeEvent({type: 'lock:created', id: '1', name: 'Lock-1'}, app);
	const elsewhere = decodeEvent({type: 'lock:created', id: 1, name: 'Lock-1'}, other);
	const ids = [lock, value, again, elsewhere].map(
		(event) => (event?.payload as {id: number} | undefined)?.id,
	);
	expect(ids[0]).toBeGreaterThanOrEqual(reportedIdBase);
	expect(ids[1]).not.toBe(ids[0]);
	// 1 and "1" name one object: ids are compared as text.
	expect(ids[2]).toBe(ids[0]);
	expect(ids[3]).not.toBe(ids[0]);
});

test('names are made printable, bounded and prefixed; fields not in the table are left behind', () => {
	const app = new ReportedProgram('app\u001b]0;x\u0007.py');
	const event = decodeEvent(
		{type: 'lock:created', id: 'L', name: `a\u0000b${'x'.repeat(100)}`, extra: 'dropped'},
		app,
	);
	const payload = event?.payload as {name: string; extra?: string};
	expect(payload.name.startsWith('app?]0;x?.py · a?b')).toBe(true);
	expect(payload.name.length).toBeLessThanOrEqual('app?]0;x?.py · '.length + 64);
	expect(payload.extra).toBeUndefined();
});

test.each([
	['a number where a name goes', {type: 'lock:created', id: 'L', name: 3}],
	['an empty id', {type: 'lock:created', id: '', name: 'L'}],
	['an id too long', {type: 'lock:created', id: 'x'.repeat(129), name: 'L'}],
	[
		'a fraction for a count',
		{type: 'pool:task-queued', poolId: 1, pool: 'P', tasks: 1.5, count: 1},
	],
	['no pid in a lock actor', {type: 'lock:requested', id: 'L', name: 'L', by: {id: 1, name: 'p'}}],
	['an unknown signal', {type: 'process:exited', id: 1, name: 'p', exitcode: 0, signal: 'SIGNOPE'}],
	[
		'a bigint that is no number',
		{type: 'value:created', id: 1, name: 'v', typecode: 'q', value: {bigint: '1e3'}},
	],
	[
		'Infinity as a value',
		{type: 'value:changed', id: 1, name: 'v', value: null, by: {id: 1, name: 'p'}},
	],
	['an empty deadlock cycle', {type: 'lock:deadlock', cycle: []}],
	[
		'a type procdash does not take',
		{type: 'process:output', id: 1, name: 'p', stream: 'stdout', line: 'x'},
	],
	['no type at all', {id: 1}],
])('%s is refused', (_what, raw) => {
	expect(decodeEvent(raw, new ReportedProgram('app.py'))).toBeUndefined();
});

test('a bigint arrives as a bigint; optional fields may be absent or null', () => {
	const app = new ReportedProgram('app.py');
	const created = decodeEvent(
		{
			type: 'value:created',
			id: 'v',
			name: 'Big',
			typecode: 'q',
			value: {bigint: '-9223372036854775808'},
		},
		app,
	);
	expect((created?.payload as {value: bigint} | undefined)?.value).toBe(-9223372036854775808n);
	const exited = decodeEvent(
		{type: 'process:exited', id: 'p', name: 'p', pid: null, exitcode: -15, signal: 'SIGTERM'},
		app,
	);
	expect(exited?.payload).toMatchObject({exitcode: -15, signal: 'SIGTERM'});
	expect(exited?.payload).not.toHaveProperty('pid');
});

test("a bullmq pool's events cross: its queue and Redis (redacted again), Redis's status, tasks on remote workers", () => {
	const app = new ReportedProgram('app.js');
	const created = decodeEvent(
		{
			type: 'pool:created',
			poolId: 1,
			pool: 'Pool-1',
			processes: 64,
			maxTasksPerChild: null,
			remote: {queue: 'renders', connection: 'redis://:leaked@h:6379'},
		},
		app,
	);
	expect(created?.payload).toMatchObject({
		remote: {queue: 'renders', connection: 'redis://:***@h:6379'},
	});
	const redis = decodeEvent(
		{type: 'pool:redis', poolId: 1, pool: 'Pool-1', status: 'waiting', connection: 'redis://h'},
		app,
	);
	expect(redis?.payload).toMatchObject({status: 'waiting'});
	const started = decodeEvent(
		{
			type: 'pool:task-started',
			poolId: 1,
			pool: 'Pool-1',
			taskId: 1,
			call: 'map',
			first: 0,
			count: 1,
			processId: 0,
			worker: 'remote',
		},
		app,
	);
	expect(started?.payload).toMatchObject({processId: 0, worker: 'app.js · remote'});
	expect(
		decodeEvent(
			{type: 'pool:redis', poolId: 1, pool: 'Pool-1', status: 'gone', connection: ''},
			app,
		),
	).toBeUndefined();
});
