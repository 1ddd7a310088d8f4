import {describe, expect, test} from 'vitest';
import type {ProcessRow} from '../../source/core/snapshot/index.js';
import {
	initialView,
	reduceView,
	type ViewAction,
	type ViewState,
	visibleRows,
} from '../../source/ui/view-state.js';

// The reducer and its helpers are pure: rows are written by hand and nothing is rendered.
function processRow(id: number, name: string, fields: Partial<ProcessRow> = {}): ProcessRow {
	return {
		id,
		name,
		kind: 'command',
		target: `sleep ${id}`,
		daemon: false,
		state: 'running',
		pid: 1000 + id,
		ppid: 999,
		exitcode: null,
		signal: null,
		startedAt: id,
		endedAt: undefined,
		cpu: undefined,
		memory: undefined,
		error: undefined,
		returned: undefined,
		...fields,
	};
}

/** The view after each action in turn, from `from`. */
function viewAfter(actions: readonly ViewAction[], from: ViewState = initialView): ViewState {
	return actions.reduce(reduceView, from);
}

const names = (rows: readonly ProcessRow[]) => rows.map((row) => row.name);

describe('reduceView', () => {
	test('opening a mode clears the message; closing goes back to normal with no draft', () => {
		const said = viewAfter([{type: 'say', message: 'sorted by name'}]);
		expect(said.message).toBe('sorted by name');
		for (const mode of ['help', 'menu', 'command', 'filter'] as const) {
			const opened = reduceView(said, {type: 'open', mode});
			expect(opened).toMatchObject({mode, message: undefined});
			expect(reduceView(opened, {type: 'close'})).toMatchObject({mode: 'normal', draft: ''});
		}
	});

	test('typing adds to the draft and erasing takes the last character off, down to empty', () => {
		const typed = viewAfter([
			{type: 'open', mode: 'command'},
			{type: 'type', text: 'sl'},
			{type: 'type', text: 'eep 30'},
		]);
		expect(typed.draft).toBe('sleep 30');
		expect(
			viewAfter(
				[
					{type: 'edit', edit: 'erase-back'},
					{type: 'edit', edit: 'erase-back'},
				],
				typed,
			).draft,
		).toBe('sleep ');
		const emptied = viewAfter(
			[{type: 'edit', edit: 'erase-back'}],
			viewAfter([{type: 'open', mode: 'command'}]),
		);
		expect(emptied.draft).toBe('');
	});

	test('erasing takes off a whole character: an emoji or a CJK one, never half of one', () => {
		const typed = viewAfter([
			{type: 'open', mode: 'command'},
			{type: 'type', text: 'echo 計算 🚀 👩‍💻'},
		]);
		const once = viewAfter([{type: 'edit', edit: 'erase-back'}], typed);
		expect(once.draft).toBe('echo 計算 🚀 ');
		expect(
			viewAfter(
				[
					{type: 'edit', edit: 'erase-back'},
					{type: 'edit', edit: 'erase-back'},
				],
				once,
			).draft,
		).toBe('echo 計算 ');
		expect(
			viewAfter([{type: 'edit', edit: 'erase-back'}], viewAfter([{type: 'type', text: '🚀'}], once))
				.draft,
		).toBe('echo 計算 🚀 ');
	});

	test('typing inserts at the cursor, which the editing keys move', () => {
		const typed = viewAfter([
			{type: 'open', mode: 'command'},
			{type: 'type', text: 'sleep 30'},
			{type: 'edit', edit: 'start'},
			{type: 'type', text: 'nice '},
		]);
		expect(typed).toMatchObject({draft: 'nice sleep 30', cursor: 5});
		const fixed = viewAfter(
			[
				{type: 'edit', edit: 'end'},
				{type: 'edit', edit: 'left'},
				{type: 'edit', edit: 'erase-back'},
				{type: 'type', text: '6'},
			],
			typed,
		);
		expect(fixed).toMatchObject({draft: 'nice sleep 60', cursor: 12});
	});

	test('the prompts open with the cursor at the end of what they hold; closing resets it', () => {
		const filtered = {...initialView, filter: 'web'};
		expect(reduceView(filtered, {type: 'open', mode: 'filter'})).toMatchObject({
			draft: 'web',
			cursor: 3,
		});
		expect(reduceView(filtered, {type: 'open', mode: 'command'})).toMatchObject({
			draft: '',
			cursor: 0,
		});
		const typed = viewAfter([
			{type: 'open', mode: 'command'},
			{type: 'type', text: 'yes'},
		]);
		expect(reduceView(typed, {type: 'close'})).toMatchObject({draft: '', cursor: 0});
	});

	test('the new-process prompt opens empty even after a cancelled draft', () => {
		const cancelled = viewAfter([
			{type: 'open', mode: 'command'},
			{type: 'type', text: 'yes'},
		]);
		expect(viewAfter([{type: 'open', mode: 'command'}], cancelled).draft).toBe('');
	});

	test('the filter narrows as it is typed, not only on Enter; typing a command filters nothing', () => {
		const typing = viewAfter([
			{type: 'open', mode: 'filter'},
			{type: 'type', text: 'w'},
		]);
		expect(typing).toMatchObject({mode: 'filter', draft: 'w', filter: 'w'});
		expect(viewAfter([{type: 'type', text: 'e '}], typing).filter).toBe('we');
		expect(viewAfter([{type: 'edit', edit: 'erase-back'}], typing).filter).toBe('');
		const command = viewAfter(
			[
				{type: 'open', mode: 'command'},
				{type: 'type', text: 'x'},
			],
			{
				...initialView,
				filter: 'web',
			},
		);
		expect(command.filter).toBe('web');
	});

	test('r: the selection follows the restarted process when it is still on the old one', () => {
		expect(
			reduceView({...initialView, selectedId: 3}, {type: 'follow', from: 3, to: 9}),
		).toMatchObject({
			selectedId: 9,
		});
		expect(reduceView(initialView, {type: 'follow', from: 3, to: 9}).selectedId).toBe(9);
		// Moved away while it restarted: the selection stays where the person put it.
		expect(
			reduceView({...initialView, selectedId: 5}, {type: 'follow', from: 3, to: 9}).selectedId,
		).toBe(5);
	});

	test('applying a filter keeps the trimmed draft; the prompt reopens with it; clearing empties it', () => {
		const applied = viewAfter([
			{type: 'open', mode: 'filter'},
			{type: 'type', text: '  web '},
			{type: 'apply-filter'},
		]);
		expect(applied).toMatchObject({mode: 'normal', filter: 'web', draft: ''});
		const reopened = reduceView(applied, {type: 'open', mode: 'filter'});
		expect(reopened).toMatchObject({mode: 'filter', draft: 'web', filter: 'web'});
		expect(reduceView(reopened, {type: 'clear-filter'})).toMatchObject({
			mode: 'normal',
			filter: '',
			draft: '',
		});
	});

	test('changing the focus resets the log scroll', () => {
		const scrolled = viewAfter([
			{type: 'focus', focus: 'log'},
			{type: 'scroll', by: 4, max: 10},
		]);
		expect(scrolled.logScroll).toBe(4);
		expect(reduceView(scrolled, {type: 'focus', focus: 'processes'})).toMatchObject({
			focus: 'processes',
			logScroll: 0,
		});
		expect(reduceView(scrolled, {type: 'focus', focus: 'log'}).logScroll).toBe(0);
	});

	test('the log scroll stays between 0 and the most lines there are to scroll', () => {
		const up = (by: number, max: number, from = initialView) =>
			reduceView(from, {type: 'scroll', by, max}).logScroll;
		expect(up(5, 3)).toBe(3);
		expect(up(-2, 3)).toBe(0);
		expect(up(-10, 20, {...initialView, logScroll: 6})).toBe(0);
		expect(up(2, 20, {...initialView, logScroll: 6})).toBe(8);
		// A log shorter than the pane has nothing to scroll: max is negative then.
		expect(up(3, -5)).toBe(0);
	});

	test('o cycles started → name → cpu → memory → state → started, and says so', () => {
		const seen: string[] = [];
		let view = initialView;
		for (let press = 0; press < 5; press++) {
			view = reduceView(view, {type: 'cycle-sort'});
			expect(view.message).toBe(`sorted by ${view.sort}`);
			seen.push(view.sort);
		}
		expect(seen).toEqual(['name', 'cpu', 'memory', 'state', 'started']);
	});

	test('selecting a process clears the message and scrolls its log back to the newest', () => {
		const before = {...initialView, message: 'SIGKILL sent to web (pid 4)', logScroll: 3};
		expect(reduceView(before, {type: 'select', id: 2})).toMatchObject({
			selectedId: 2,
			message: undefined,
			logScroll: 0,
		});
	});

	test('quit sets quitting and closes whatever was open', () => {
		const quitting = viewAfter([{type: 'open', mode: 'help'}, {type: 'quit'}]);
		expect(quitting).toMatchObject({quitting: true, mode: 'normal'});
	});

	test('the state given is never changed: each action returns a new one', () => {
		const frozen = Object.freeze({...initialView, draft: 'ab', filter: 'x'});
		const actions: ViewAction[] = [
			{type: 'select', id: 1},
			{type: 'open', mode: 'filter'},
			{type: 'type', text: 'c'},
			{type: 'edit', edit: 'erase-back'},
			{type: 'edit', edit: 'start'},
			{type: 'apply-filter'},
			{type: 'clear-filter'},
			{type: 'focus', focus: 'log'},
			{type: 'cycle-sort'},
			{type: 'scroll', by: 1, max: 5},
			{type: 'say', message: 'hello'},
			{type: 'quit'},
			{type: 'close'},
		];
		for (const action of actions) expect(reduceView(frozen, action)).not.toBe(frozen);
	});
});

describe('visibleRows', () => {
	const rows = [
		processRow(1, 'Web', {target: 'node server.js', cpu: 5, memory: 300}),
		processRow(2, 'worker', {target: 'node work.js', cpu: undefined, memory: 100}),
		processRow(3, 'db', {target: 'postgres -D /data/WEBSITE', cpu: 40, memory: undefined}),
		processRow(4, 'cron', {target: 'sleep 60', cpu: 5, memory: 300, state: 'exited'}),
		processRow(5, 'backup', {target: 'tar c', state: 'paused', cpu: 0, memory: 50}),
	];

	test('a filter keeps rows whose name contains it, whatever the case; targets are not searched', () => {
		expect(names(visibleRows(rows, {filter: 'web', sort: 'started'}))).toEqual(['Web']);
		expect(names(visibleRows(rows, {filter: 'WOR', sort: 'started'}))).toEqual(['worker']);
		// db's target holds WEBSITE and every target but two holds "node" or "sleep": none counts.
		expect(visibleRows(rows, {filter: 'node', sort: 'started'})).toEqual([]);
		expect(visibleRows(rows, {filter: 'nothing like it', sort: 'started'})).toEqual([]);
	});

	test('with no filter every row is kept, in the order of starting, in a new array', () => {
		const shown = visibleRows(rows, {filter: '', sort: 'started'});
		expect(names(shown)).toEqual(['Web', 'worker', 'db', 'cron', 'backup']);
		expect(shown).not.toBe(rows);
	});

	test('by name, alphabetically', () => {
		expect(names(visibleRows(rows, {filter: '', sort: 'name'}))).toEqual([
			'backup',
			'cron',
			'db',
			'Web',
			'worker',
		]);
	});

	test('by cpu and by memory, busiest first, unsampled last, ties in the order of starting', () => {
		expect(names(visibleRows(rows, {filter: '', sort: 'cpu'}))).toEqual([
			'db',
			'Web',
			'cron',
			'backup',
			'worker',
		]);
		expect(names(visibleRows(rows, {filter: '', sort: 'memory'}))).toEqual([
			'Web',
			'cron',
			'worker',
			'backup',
			'db',
		]);
	});

	test('by state: running, paused, created, failed, exited; ties in the order of starting', () => {
		const states = [
			processRow(1, 'gone', {state: 'exited'}),
			processRow(2, 'broken', {state: 'failed'}),
			processRow(3, 'first', {state: 'running'}),
			processRow(4, 'new', {state: 'created'}),
			processRow(5, 'stopped', {state: 'paused'}),
			processRow(6, 'second', {state: 'running'}),
		];
		expect(names(visibleRows(states, {filter: '', sort: 'state'}))).toEqual([
			'first',
			'second',
			'stopped',
			'new',
			'broken',
			'gone',
		]);
	});

	test('sorting leaves the rows given as they were', () => {
		const before = names(rows);
		visibleRows(rows, {filter: '', sort: 'name'});
		expect(names(rows)).toEqual(before);
	});
});
