import stringWidth from 'string-width';
import {expect, test} from 'vitest';
import {EventBus, fold} from '../../source/index.js';
import {ProcessTable} from '../../source/ui/components/ProcessTable.js';
import {renderTerminal} from '../helpers/render.js';

// A CJK character and most emoji take two terminal columns; a zero-width joiner binds several
// emoji into one glyph of two. The table must measure what the terminal shows, not UTF-16 units.
const names = {
	ascii: 'web',
	cjk: '計算ワーカー',
	emoji: '🚀 launcher',
	// One code unit, two columns: what `.length` gets most wrong about an emoji.
	bolt: '⚡ bolt',
	longCjk: '計算ワーカー計算ワーカー計算',
	longEmoji: 'rockets 🚀🚀🚀🚀🚀🚀',
} as const;

/** A running process per name, each with 3 MB and started at 0, so its uptime at 5 s is 0:05. */
function snapshotOf(processNames: readonly string[]) {
	const bus = new EventBus({now: () => 0});
	processNames.forEach((name, index) => {
		const id = index + 1;
		const pid = 4101 + index;
		bus.emit('process:created', {id, name, kind: 'command', daemon: false, target: 'sleep'});
		bus.emit('process:started', {id, name, pid, ppid: 4000});
	});
	bus.emit('stats:sampled', {
		processes: processNames.map((_, index) => ({
			pid: 4101 + index,
			ppid: 4000,
			cpu: 1.5,
			memory: 3 * 1024 * 1024,
			command: 'sleep',
		})),
	});
	return fold(bus.history());
}

/** The terminal column at which `needle` starts in `line`, or -1. */
function columnOf(line: string, needle: string): number {
	const at = line.indexOf(needle);
	return at === -1 ? -1 : stringWidth(line.slice(0, at));
}

// Half of a surrogate pair, with no other half beside it: a character cut in two.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function tableFrame(width: number, processNames: readonly string[]): Promise<string[]> {
	const snapshot = snapshotOf(processNames);
	const screen = renderTerminal(
		<ProcessTable
			processes={snapshot.processes}
			descendants={[]}
			selectedId={undefined}
			now={5000}
			width={width}
			height={10}
		/>,
		{columns: width + 1},
	);
	const frame = await screen.waitForFrame((text) => text.includes('NAME'));
	screen.unmount();
	return frame.split('\n');
}

/** Each of `processNames` is one line, its columns where the ASCII name's are, within `width`. */
async function expectAligned(width: number, processNames: readonly string[]): Promise<void> {
	const lines = await tableFrame(width, [names.ascii, ...processNames]);
	const ascii = lines.find((line) => line.includes(names.ascii)) as string;
	// Then each process is one line, with its memory and its uptime on it
	expect(lines.filter((line) => line.trim() === '0:05')).toEqual([]);
	for (const name of [names.ascii, ...processNames]) {
		const found = lines.filter((line) => line.includes(name));
		expect(found, `rows naming ${name}:\n${lines.join('\n')}`).toHaveLength(1);
		const row = found[0] as string;
		expect(row, row).toMatch(/4\d{3} +4000 running +1\.5 +3\.0 MB +0:05 +sleep/);
		// And every column starts at the terminal column where it starts on the ASCII row
		for (const column of ['4000', 'running', 'MB', '0:05', 'sleep'])
			expect(columnOf(row, column), `${column} in\n${ascii}\n${row}`).toBe(columnOf(ascii, column));
		expect(stringWidth(row)).toBeLessThanOrEqual(width);
	}
}

for (const width of [79, 119]) {
	test(`at ${width} columns, a CJK name keeps every column where an ASCII name has it`, async () => {
		// Given a table with an ASCII name and a CJK name, when it is drawn
		await expectAligned(width, [names.cjk]);
	});

	test(`at ${width} columns, names with emoji keep every column where an ASCII name has it`, async () => {
		// Given a table with an ASCII name and names with emoji, when it is drawn
		await expectAligned(width, [names.emoji, names.bolt]);
	});
}

test('a wide name too long for its column is cut between characters, with an ellipsis', async () => {
	// Given names wider than the NAME column (14 terminal columns at 79)
	const processNames = [names.ascii, names.longCjk, names.longEmoji];
	// When the table is drawn
	const lines = await tableFrame(79, processNames);
	const ascii = lines.find((line) => line.includes(names.ascii)) as string;
	for (const start of ['計算ワーカー', 'rockets 🚀']) {
		const row = lines.find((line) => line.includes(start)) as string;
		// Then no character is cut in two, the cut is marked, and the columns still line up
		expect(row, row).not.toMatch(loneSurrogate);
		expect(row).toMatch(/…/);
		expect(row).toMatch(/3\.0 MB +0:05/);
		for (const column of ['4000', 'MB', '0:05'])
			expect(columnOf(row, column), `${column} in\n${ascii}\n${row}`).toBe(columnOf(ascii, column));
		// And the cut name with its ellipsis fits the NAME column
		const name = row.slice(2, row.indexOf('…') + 1);
		expect(stringWidth(name)).toBeLessThanOrEqual(14);
	}
});
