// Values, SharedArrays and Locks in child processes where the native addon maps the owner's
// memory: the thread path's guarantees (thread-state.test.ts), for processes. The broker's path
// is what the other files of this folder test, with PROCDASH_SHARED_MEMORY=off where only the
// broker shows what they check.
import {spawn, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {sharedMemoryStatus} from '../../../source/core/shared/memory/native.js';
import {Lock, SharedArray, Value} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {isRunning} from '../../helpers/processes.js';
import {startSharedTask} from '../../helpers/shared.js';

const status = sharedMemoryStatus();
const fixtures = new URL('../../fixtures/', import.meta.url);

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

// Which processes map the owner's memory file: the kernel names it in their maps.
function mappers(ownerPid: number): number[] {
	const name = `memfd:procdash-shared-${ownerPid}`;
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((pid) => {
			try {
				return readFileSync(`/proc/${pid}/maps`, 'utf8').includes(name);
			} catch {
				return false;
			}
		})
		.map(Number);
}

describe.skipIf(status.kind !== 'memory')(
	`processes sharing memory${status.kind === 'broker' ? ` (skipped: ${status.reason})` : ''}`,
	() => {
		const orchestrator = useOrchestrator();

		it('maps a Value and a Lock in the child: .value and acquireSync work there', async () => {
			const value = new Value('i', 1, {orchestrator: orchestrator()});
			const lock = new Lock({orchestrator: orchestrator()});
			const child = await startSharedTask(orchestrator(), 'sharingPath', [value, lock]);
			expect(await child.join()).toBe(0);
			expect(child.result).toEqual({readSync: null, acquireSync: null});
			expect(lock.holder).toBeUndefined();
		});

		it('works on a Value through every method, and the owner publishes the changes as sampled', async () => {
			const bus = orchestrator().bus;
			const value = new Value('i', 7, {name: 'counter', orchestrator: orchestrator()});
			const child = await startSharedTask(orchestrator(), 'useValue', [value]);
			expect(await child.join()).toBe(0);
			expect(child.result).toMatchObject({
				initial: 7,
				afterSet: 10,
				added: 15,
				swapped: true,
				notSwapped: false,
				final: 20,
				readSync: null,
				writeSync: null,
				setFraction: {class: 'TypeError'},
				setString: {class: 'TypeError'},
			});
			// The child wrote 1 last, through .value, unseen by the broker: its end publishes it.
			expect(value.value).toBe(1);
			const changed = bus.history().filter((event) => event.type === 'value:changed');
			expect(changed.at(-1)).toMatchObject({name: 'counter', value: 1, sampled: true});
		});

		it('works on a SharedArray by index, with the same range checks', async () => {
			const array = new SharedArray('i', [1, 2, 3], {orchestrator: orchestrator()});
			const child = await startSharedTask(orchestrator(), 'useArray', [array]);
			expect(await child.join()).toBe(0);
			expect(child.result).toMatchObject({
				length: 3,
				first: 1,
				added: 33,
				slice: [20, 33],
				all: [1, 20, 33],
				getNegative: {class: 'RangeError'},
				getLength: {class: 'RangeError'},
				setLength: {class: 'RangeError'},
				setFraction: {class: 'TypeError'},
			});
			expect(await array.toArray()).toEqual([1, 20, 33]);
		});

		it('4 processes × 2,000 read-then-write increments under a Lock make exactly 8,000', async () => {
			const counter = new Value('i', 0, {orchestrator: orchestrator()});
			const arrived = new Value('i', 0, {orchestrator: orchestrator()});
			const lock = new Lock({orchestrator: orchestrator()});
			const children = await Promise.all(
				Array.from({length: 4}, () =>
					startSharedTask(orchestrator(), 'incrementLocked', [counter, lock, arrived, 4, 2000]),
				),
			);
			expect(await Promise.all(children.map((child) => child.join()))).toEqual([0, 0, 0, 0]);
			expect(counter.value).toBe(8000);
			expect(lock.holder).toBeUndefined();
			expect(lock.waiters).toEqual([]);
		});

		it('tells how long the sampled holders held the lock and their successors waited for it', async () => {
			// Given two children that each hold the lock 600 ms, the second waiting for the first
			const bus = orchestrator().bus;
			const lock = new Lock({name: 'turns', orchestrator: orchestrator()});
			const children = await Promise.all(
				Array.from({length: 2}, () => startSharedTask(orchestrator(), 'holdLockFor', [lock, 600])),
			);
			expect(await Promise.all(children.map((child) => child.join()))).toEqual([0, 0]);
			// Then the samples saw holds and a wait of some length, not zeros
			const ofLock = bus.history().filter((event) => 'id' in event && event.id === lock.id);
			const held = ofLock.flatMap((event) =>
				event.type === 'lock:released' ? [event.heldMs] : [],
			);
			const waited = ofLock.flatMap((event) =>
				event.type === 'lock:acquired' ? [event.waitedMs] : [],
			);
			expect(Math.max(...held)).toBeGreaterThan(0);
			expect(Math.max(...waited)).toBeGreaterThan(0);
		});

		it('adds to a double from 4 processes without losing one (its guard is a futex across processes)', async () => {
			const total = new Value('d', 0, {orchestrator: orchestrator()});
			const arrived = new Value('i', 0, {orchestrator: orchestrator()});
			const children = await Promise.all(
				Array.from({length: 4}, () =>
					startSharedTask(orchestrator(), 'addFloat', [total, 0.5, arrived, 4, 2000]),
				),
			);
			expect(await Promise.all(children.map((child) => child.join()))).toEqual([0, 0, 0, 0]);
			expect(total.value).toBe(4000);
		});

		it('frees a lock whose holder process is killed: abandoned, and the next taker learns whose death it inherited', async () => {
			// Given a child holding the lock in memory, and another blocked in acquireSync for it
			const bus = orchestrator().bus;
			const lock = new Lock({name: 'ledger', orchestrator: orchestrator()});
			const taken = new Value('i', 0, {orchestrator: orchestrator()});
			const holder = await startSharedTask(
				orchestrator(),
				'holdLockAndSay',
				[lock, taken],
				'holder',
			);
			await until('the holder takes the lock', () => taken.value !== 0);
			const heir = await startSharedTask(orchestrator(), 'takeLockSyncOnce', [lock], 'heir');
			await until('the owner samples the waiter', () =>
				lock.waiters.some((waiter) => waiter.name === 'heir'),
			);
			expect(lock.holder?.name).toBe('holder');

			// When the holder is killed
			holder.kill();

			// Then the lock is abandoned naming it, and the heir takes it and is told
			const abandoned = await waitForEvent(bus, 'lock:abandoned');
			expect(abandoned).toMatchObject({name: 'ledger', holder: {name: 'holder', pid: holder.pid}});
			expect(await heir.join()).toBe(0);
			expect(heir.result).toEqual({name: 'holder', pid: holder.pid});
			expect(lock.waiters).toEqual([]);
			expect(await lock.acquire({block: false})).toBe(true);
			await lock.release();
		});

		it('answers a non-blocking acquire at once and gives up after timeoutMs while another child holds the lock', async () => {
			const lock = new Lock({orchestrator: orchestrator()});
			const taken = new Value('i', 0, {orchestrator: orchestrator()});
			const holder = await startSharedTask(orchestrator(), 'holdLockAndSay', [lock, taken]);
			await until('the holder takes the lock', () => taken.value !== 0);

			const [atOnce, timed] = await Promise.all([
				startSharedTask(orchestrator(), 'tryAcquire', [lock, {block: false}]),
				startSharedTask(orchestrator(), 'tryAcquire', [lock, {timeoutMs: 300}]),
			]);
			expect(await Promise.all([atOnce.join(), timed.join()])).toEqual([0, 0]);
			const answers = [atOnce.result, timed.result] as {acquired: boolean; tookMs: number}[];
			expect(answers.map((answer) => answer.acquired)).toEqual([false, false]);
			expect(answers[0]?.tookMs).toBeLessThan(50);
			expect(answers[1]?.tookMs).toBeGreaterThanOrEqual(299);
			holder.kill();
			await holder.join();
		});

		it.each(['return', 'throw', 'SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
			'leaves no shared memory behind when the owner ends by %s',
			async (ending) => {
				// Given an owner program whose child maps the owner's memory and holds its lock
				const owner = spawn(
					process.execPath,
					[
						new URL('shared-memory-owner.js', fixtures).pathname,
						ending.startsWith('SIG') ? 'wait' : ending,
					],
					{stdio: ['pipe', 'pipe', 'pipe']},
				);
				const exited = new Promise((resolve) => owner.once('exit', resolve));
				const line = await new Promise<string>((resolve, reject) => {
					let out = '';
					owner.stdout.setEncoding('utf8').on('data', (chunk: string) => {
						out += chunk;
						if (out.includes('\n')) resolve(out.split('\n')[0] as string);
					});
					owner.once('exit', () => reject(new Error(`the owner ended first: ${out}`)));
				});
				const {child} = JSON.parse(line) as {owner: number; child: number};
				const ownerPid = owner.pid as number;
				expect(mappers(ownerPid)).toEqual(expect.arrayContaining([ownerPid, child]));

				// When it ends so
				if (ending.startsWith('SIG')) owner.kill(ending as NodeJS.Signals);
				else owner.stdin.write('go\n');
				await exited;

				// Then its child is gone, nothing maps the memory any more, and /dev/shm holds none of it
				await until('the child is gone', () => !isRunning(child), 10_000);
				expect(mappers(ownerPid)).toEqual([]);
				expect(readdirSync('/dev/shm').filter((entry) => entry.includes('procdash'))).toEqual([]);
			},
		);

		it('the race preset loses updates without the lock and reaches exactly 40,000 with it', async () => {
			const cli = new URL('../../../cli.js', import.meta.url).pathname;
			const run = spawnSync(process.execPath, [cli, 'race', '--json'], {encoding: 'utf8'});
			const summary = JSON.parse(run.stdout.trimEnd().split('\n').at(-1) as string) as {
				ok: boolean;
				values: {unlocked: number; locked: number};
				notes: string[];
			};
			expect(summary.values.locked).toBe(40_000);
			expect(summary.values.unlocked).toBeLessThan(40_000);
			expect(summary.ok).toBe(true);
			expect(summary.notes).toContain('shared state: processes share memory (native addon)');
		});
	},
);

describe('PROCDASH_SHARED_MEMORY=off', () => {
	function sharingPath(env: NodeJS.ProcessEnv) {
		const run = spawnSync(process.execPath, [new URL('sharing-path.js', fixtures).pathname], {
			encoding: 'utf8',
			env,
		});
		return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
			path: {readSync: {class: string} | null; acquireSync: {class: string} | null};
			note: string;
		};
	}

	it('sends a child to the broker, and says so in one line', () => {
		const {path, note} = sharingPath({...process.env, PROCDASH_SHARED_MEMORY: 'off'});
		// Through the broker a child has no memory to read at once, nor a lock word to block on
		expect(path.readSync).toMatchObject({class: 'TypeError'});
		expect(path.acquireSync).toMatchObject({class: 'TypeError'});
		expect(note).toBe(
			'shared state: through the broker, one IPC round trip per operation (PROCDASH_SHARED_MEMORY=off)',
		);
	});

	it.skipIf(status.kind !== 'memory')(
		'is the only difference: without it, the child maps the memory',
		() => {
			const env = {...process.env};
			delete env.PROCDASH_SHARED_MEMORY;
			const {path, note} = sharingPath(env);
			expect(path).toEqual({readSync: null, acquireSync: null});
			expect(note).toBe('shared state: processes share memory (native addon)');
		},
	);
});
