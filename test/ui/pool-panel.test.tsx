import {afterEach, expect, test} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {Pool} from '../../source/index.js';
import {App} from '../../source/ui/App.js';
import {PoolPanel} from '../../source/ui/components/PoolPanel.js';
import {sparkline} from '../../source/ui/components/Sparkline.js';
import {orchestratorController} from '../../source/ui/controller.js';
import {Gates, orchestratorPerTest, poolTask, waitForEvent} from '../helpers/pool.js';
import {handWrittenPool} from '../helpers/pool-events.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

const orchestrator = orchestratorPerTest();
let terminal: Terminal | undefined;

afterEach(() => {
	terminal?.unmount();
	terminal = undefined;
});

// The panel is a pure view of the snapshot, so these events are written by hand.
function snapshotOfOnePool() {
	const p = handWrittenPool();
	p.created();
	p.workerUp(1);
	p.workerUp(2);
	p.queued(6);
	p.started(1, 1);
	p.started(2, 2);
	p.at(1000);
	p.done(1, 1);
	p.failed(2, 2, {name: 'TypeError', message: 'bad type: type'});
	p.started(3, 1);
	return p.snapshot();
}

test('the pool panel shows workers busy and idle, the counts, the rate and the queue draining', async () => {
	const snapshot = snapshotOfOnePool();
	terminal = renderTerminal(<PoolPanel pools={snapshot.pools} now={1000} width={119} />);
	const frame = await terminal.waitForFrame((text) => text.includes('Pool-1'));
	expect(frame).toMatch(/Pool-1 running · workers 1 busy, 1 idle · [\d.]+ tasks\/s/);
	expect(frame).toMatch(/queued 3 · running 1 · done 1 · failed 1 +queue [▁-█]+ +6 → 3/);
	expect(frame).toContain('✗ map item 1 on PoolWorker-2: TypeError: bad type: type');
});

test('with no pool the panel is one line', async () => {
	terminal = renderTerminal(<PoolPanel pools={[]} now={0} width={119} />);
	const frame = await terminal.waitForFrame((text) => text.includes('Pools'));
	expect(frame.trim().split('\n')).toEqual(['Pools none']);
});

test('a queue sparkline starts at zero: the peak is the full bar, any queue above the lowest', () => {
	const line = sparkline([16, 12, 4, 1, 0], 6, 0);
	expect(line).toBe('█▆▃▂▁ ');
	// Without a floor, the points' own minimum is the lowest bar (the Shared panel's histories).
	expect(sparkline([16, 12], 2)).toBe('█▁');
});

test('in the dashboard, workers sit under their pool and the panel follows a real map', async () => {
	// Given a pool of two with four gated tasks
	const gates = new Gates();
	const pool = new Pool({processes: 2, orchestrator: orchestrator()});
	const store = new SnapshotStore(orchestrator().bus);
	const controller = orchestratorController(orchestrator());
	terminal = renderTerminal(
		<App bus={orchestrator().bus} store={store} controller={controller} />,
		{
			columns: 120,
			rows: 40,
		},
	);
	const ids = ['a', 'b', 'c', 'd'];
	const result = pool.map(
		poolTask('gated'),
		ids.map((id) => gates.gate(id)),
		{chunksize: 1},
	);

	// Then the workers are listed under the pool, two busy and two tasks waiting
	const busy = await terminal.waitForFrame((text) => text.includes('queued 2 · running 2'));
	expect(busy).toMatch(/▾ Pool-\d+ · 2 of 2 workers live · running/);
	expect(busy).toMatch(/\n› {3}PoolWorker-\d+ +\d+ +\d+ running/);
	expect(busy).toMatch(/workers 2 busy, 0 idle/);

	// When every gate opens, the queue drains to zero and all four are done
	for (const id of ids) gates.open(id);
	await result;
	await waitForEvent(orchestrator().bus, 'pool:task-done', (event) => event.first === 3);
	const drained = await terminal.waitForFrame((text) => text.includes('done 4 · failed 0'));
	expect(drained).toMatch(/queued 0 · running 0/);
	expect(drained).toMatch(/workers 0 busy, 2 idle/);
	expect(drained).toMatch(/ 4 → 0/);
	await pool.terminate();
	gates.remove();
});

test('a bullmq pool shows its queue, its Redis redacted, its jobs in BullMQ words, and when it waits for Redis', async () => {
	// Given a bullmq pool whose Redis went away mid-run
	const p = handWrittenPool();
	const ref = {poolId: 1, pool: 'Pool-1'};
	const remote = {queue: 'renders', connection: 'redis://:***@10.0.0.5:6379'};
	p.bus.emit('pool:created', {...ref, processes: 64, maxTasksPerChild: null, remote});
	p.queued(6);
	p.bus.emit('pool:task-started', {
		...ref,
		processId: 0,
		worker: 'remote',
		taskId: 1,
		call: 'map',
		first: 0,
		count: 1,
	});
	p.bus.emit('pool:redis', {...ref, status: 'waiting', connection: remote.connection});
	terminal = renderTerminal(<PoolPanel pools={p.snapshot().pools} now={0} width={119} />);
	const frame = await terminal.waitForFrame((text) => text.includes('Pool-1'));
	expect(frame).toContain(
		"Pool-1 running · bullmq 'renders' at redis://:***@10.0.0.5:6379 · waiting for Redis",
	);
	expect(frame).toMatch(/waiting 5 · active 1 · completed 0 · failed 0/);

	// When Redis is back, the warning goes
	p.bus.emit('pool:redis', {...ref, status: 'connected', connection: remote.connection});
	expect(p.snapshot().pools[0]?.remote?.redis).toBe('connected');

	// Its workers on other machines are rows under it; one whose heartbeat expired is gone
	const worker = (host: string, busy: number) => ({
		host,
		pid: 42,
		concurrency: 4,
		busy,
		heartbeatAgeMs: 300,
		state: 'live' as const,
	});
	p.bus.emit('pool:remote-workers', {
		...ref,
		workers: [worker('render-a', 3), worker('render-b', 1)],
	});
	p.bus.emit('pool:remote-workers', {...ref, workers: [worker('render-a', 2)]});
	terminal.unmount();
	terminal = renderTerminal(<PoolPanel pools={p.snapshot().pools} now={0} width={119} />);
	const rows = await terminal.waitForFrame((text) => text.includes('render-b'));
	expect(rows).toContain('↳ remote render-a pid 42 · busy 2/4 · heartbeat 0.3 s ago · live');
	expect(rows).toContain('↳ remote render-b pid 42 · busy 0/4 · gone');
});
