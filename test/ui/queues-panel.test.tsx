import {expect, test} from 'vitest';
import {QueuesPanel} from '../../source/ui/components/QueuesPanel.js';
import {renderTerminal} from '../helpers/render.js';
import {handWrittenSync} from '../helpers/sync-events.js';

// The panel is a pure view of the snapshot; the events are written by hand, as the broker would emit them.

const producer1 = {id: 1, name: 'producer-1', pid: 101};
const producer2 = {id: 2, name: 'producer-2', pid: 102};
const consumer = {id: 3, name: 'consumer-1', pid: 103};
const ping = {id: 4, name: 'ping', pid: 104};
const pong = {id: 5, name: 'pong', pid: 105};

/** A full JoinableQueue with two blocked producers, a busy pipe, and a one-way pipe. */
function busy() {
	const s = handWrittenSync();
	const jobs = s.queue(1, 'jobs', 'joinable', 5);
	// 10 puts and 5 gets in the second before 2 s
	for (let index = 1; index <= 10; index++) {
		s.at(1000 + index * 90);
		const depth = Math.min(5, index - Math.floor(index / 2));
		jobs.emit(
			'queue:put',
			{by: producer1, count: 1},
			{depth, puts: index, gets: Math.floor(index / 2), unfinished: depth + 2},
		);
	}
	jobs.emit('queue:waiting', {by: producer1, side: 'put'}, {putters: [producer1]});
	jobs.emit('queue:waiting', {by: producer2, side: 'put'}, {putters: [producer1, producer2]});
	const pipe = s.pipe(2, 'Pipe-1');
	pipe.emit('pipe:sent', {by: ping, end: 'a'}, {sent: {a: 2, b: 0}, inFlight: {a: 0, b: 2}});
	pipe.emit('pipe:waiting', {by: ping, end: 'a'}, {receivers: {a: [ping], b: []}});
	pipe.emit('pipe:received', {by: pong, end: 'b'}, {inFlight: {a: 0, b: 1}});
	const oneWay = s.pipe(3, 'Pipe-2', false);
	oneWay.emit('pipe:sent', {by: pong, end: 'b'}, {sent: {a: 0, b: 1}, inFlight: {a: 1, b: 0}});
	oneWay.emit('pipe:waiting', {by: ping, end: 'a'}, {receivers: {a: [ping], b: []}});
	return s.snapshot().sync;
}

test('at 120×40 a queue shows its depth of maxsize, a sparkline, puts and gets per second, unfinished, and who is blocked', async () => {
	const {queues, pipes} = busy();
	const screen = renderTerminal(
		<QueuesPanel queues={queues} pipes={pipes} now={1999} width={119} height={5} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('jobs'));
	const lines = frame.split('\n');
	expect(lines[0]).toBe('Queues');
	expect(lines[1]).toMatch(
		/^ {2}jobs +5\/5 [▁▂▃▄▅▆▇█ ]+ put 5\.0\/s get 2\.5\/s · unfinished 7 · put: producer-1, producer-2$/,
	);
	// The depth rose from 0 to the full queue: the sparkline climbs to its top bar
	expect(lines[1]).toMatch(/▁.*█/);
	// A pipe is a pair, with what is in flight each way and who waits to receive
	expect(lines[2]).toMatch(/^ {2}Pipe-1 +ping ⇄ pong · → 1 ← 0 · 1\.0 msg\/s · recv: ping$/);
	// A one-way pipe points from its sending end to its receiving end
	expect(lines[3]).toMatch(/^ {2}Pipe-2 +ping ← pong · 1 in flight · 0\.5 msg\/s · recv: ping$/);
	screen.unmount();
});

test('at 80×24 each object keeps to one line, the blocked names cut last; a short panel says how many it shows', async () => {
	const {queues, pipes} = busy();
	const screen = renderTerminal(
		<QueuesPanel queues={queues} pipes={pipes} now={1999} width={79} height={2} />,
		{columns: 80, rows: 24},
	);
	const frame = await screen.waitForFrame((text) => text.includes('jobs'));
	const lines = frame.split('\n');
	expect(lines).toHaveLength(3);
	expect(lines[0]).toBe('Queues · 2 of 3 shown');
	expect(lines[1]).toMatch(
		/^ {2}jobs +5\/5 [▁▂▃▄▅▆▇█ ]+ put 5\.0\/s get 2\.5\/s · unfinished 7 · put: produc/,
	);
	expect(lines[2]).toMatch(/^ {2}Pipe-1 +ping ⇄ pong · → 1 ← 0/);
	for (const line of lines) expect([...line].length).toBeLessThanOrEqual(79);
	screen.unmount();
});

test('with no queue and no pipe the panel is one line', async () => {
	const screen = renderTerminal(
		<QueuesPanel queues={[]} pipes={[]} now={0} width={119} height={4} />,
	);
	expect(await screen.waitForFrame((text) => text.includes('Queues'))).toBe('Queues none');
	screen.unmount();
});

test('an unbounded queue says ∞, a closed one says so', async () => {
	const s = handWrittenSync();
	const results = s.queue(1, 'results', 'queue');
	results.emit('queue:put', {by: consumer, count: 3}, {depth: 3, puts: 3});
	results.emit('queue:closed', {by: consumer}, {closed: true});
	const {queues} = s.snapshot().sync;
	const screen = renderTerminal(
		<QueuesPanel queues={queues} pipes={[]} now={0} width={119} height={4} />,
	);
	const frame = await screen.waitForFrame((text) => text.includes('results'));
	expect(frame).toMatch(/results +3\/∞ .* · closed$/m);
	screen.unmount();
});
