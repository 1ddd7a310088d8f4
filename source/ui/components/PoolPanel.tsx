import {Box, Text} from 'ink';
import type {PoolRow, RemoteWorkerRow} from '../../core/snapshot/index.js';
import {averageTasksPerSecond, depthSeries, tasksPerSecond} from '../../core/snapshot/index.js';
import {printable} from '../../core/util/printable.js';
import {formatRate, sanitize, truncate} from '../format.js';
import {taskLabel} from '../pool-labels.js';
import {Sparkline} from './Sparkline.js';

type Props = {
	/** The pools to show, in creation order. */
	readonly pools: readonly PoolRow[];
	/** The bus clock now, for the rate and the sparkline's last buckets. */
	readonly now: number;
	readonly width: number;
};

const stateColor: Record<PoolRow['state'], string> = {
	running: 'green',
	closed: 'cyan',
	terminated: 'yellow',
	broken: 'red',
};

/** The lines the panel takes for these pools: one when there are none. */
export function poolPanelHeight(pools: readonly PoolRow[]): number {
	if (pools.length === 0) return 1;
	return 1 + pools.reduce((lines, pool) => lines + linesOf(pool), 0);
}

function linesOf(pool: PoolRow): number {
	return troubleLines(pool) + 2 + shownRemoteWorkers(pool).length;
}

// A bullmq pool reads its workers' heartbeats only while it has work: once idle, what it last
// heard would show as if it were now, so the rows go until its next call.
function shownRemoteWorkers(pool: PoolRow): PoolRow['remoteWorkers'] {
	return pool.running > 0 || pool.queued > 0 ? pool.remoteWorkers : [];
}

function troubleLines(pool: PoolRow): number {
	return pool.lastFailure || pool.deaths > 0 || pool.closedReason ? 1 : 0;
}

/**
 * The pool panel: per pool, its workers busy and idle, the queue, running, done and failed
 * items, tasks per second, and a sparkline of the queue draining.
 */
export function PoolPanel({pools, now, width}: Props) {
	if (pools.length === 0) {
		return (
			<Text dimColor wrap="truncate">
				<Text bold>Pools</Text> none
			</Text>
		);
	}
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>Pools</Text>
			{pools.map((pool) => (
				<PoolLines key={pool.id} pool={pool} now={now} width={width} />
			))}
		</Box>
	);
}

function PoolLines({
	pool,
	now,
	width,
}: {
	readonly pool: PoolRow;
	readonly now: number;
	readonly width: number;
}) {
	const live = pool.workers.filter((worker) => worker.state !== 'gone');
	const busy = live.filter((worker) => worker.state === 'busy').length;
	const idle = live.filter((worker) => worker.state === 'idle').length;
	const starting = live.length - busy - idle;
	const active = pool.running > 0 || pool.queued > 0;
	const rate = active ? tasksPerSecond(pool, now) : averageTasksPerSecond(pool);
	// A bullmq pool's counts in BullMQ's words: its jobs wait, are active, complete or fail.
	const counts = pool.remote
		? `waiting ${pool.queued} · active ${pool.running} · completed ${pool.done} · `
		: `queued ${pool.queued} · running ${pool.running} · done ${pool.done} · `;
	const failed = `failed ${pool.failed}${pool.cancelled > 0 ? ` · cancelled ${pool.cancelled}` : ''}`;
	const series = depthSeries(pool, now, 60);
	const tail = ` ${Math.max(0, ...series)} → ${pool.queued}`;
	// The sparkline takes what the counts leave of the line, up to 60 buckets (15 s).
	const sparkWidth = Math.max(
		8,
		Math.min(60, width - 2 - counts.length - failed.length - 8 - tail.length),
	);
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				{'  '}
				<Text bold>{pool.name}</Text> <Text color={stateColor[pool.state]}>{pool.state}</Text>
				{pool.remote ? (
					<RemoteWorkers pool={pool} />
				) : (
					<>
						{' · workers '}
						<Text color="green">{busy} busy</Text>
						{`, ${idle} idle${starting > 0 ? `, ${starting} starting` : ''}`}
					</>
				)}
				{` · ${formatRate(rate)} tasks/s${active ? '' : ' avg'}`}
				{pool.retried > 0 ? ` · retried ${pool.retried}` : ''}
				{pool.deaths > 0 ? ` · ${pool.deaths} died, ${pool.replacements} replaced` : ''}
			</Text>
			<Text wrap="truncate">
				{'  '}
				{counts}
				<Text color={pool.failed > 0 ? 'red' : undefined}>{failed}</Text>
				<Text dimColor>{'  queue '}</Text>
				<Sparkline points={series} width={sparkWidth} min={0} color="cyan" />
				{tail}
			</Text>
			{troubleLines(pool) === 1 && <Trouble pool={pool} width={width} />}
			{shownRemoteWorkers(pool).map((worker) => (
				<RemoteWorkerLine key={`${worker.host}:${worker.pid}`} worker={worker} />
			))}
		</Box>
	);
}

// A bullmq pool's workers are other machines': what it shows is its queue, and Redis when lost.
function RemoteWorkers({pool}: {readonly pool: PoolRow}) {
	const remote = pool.remote;
	if (!remote) return null;
	return (
		<>
			{` · bullmq '${printable(remote.queue)}' at ${printable(remote.connection)}`}
			{remote.redis === 'waiting' && <Text color="yellow"> · waiting for Redis</Text>}
		</>
	);
}

const remoteColor: Record<RemoteWorkerRow['state'], string> = {
	live: 'green',
	stale: 'yellow',
	gone: 'red',
};

// A worker on another machine, a row under its pool: host, pid, busy slots, heartbeat.
function RemoteWorkerLine({worker}: {readonly worker: RemoteWorkerRow}) {
	const heartbeat =
		worker.state === 'gone'
			? ''
			: ` · heartbeat ${(worker.heartbeatAgeMs / 1000).toFixed(1)} s ago`;
	return (
		<Text wrap="truncate">
			{'    ↳ remote '}
			<Text bold>{printable(worker.host)}</Text>
			{` pid ${worker.pid} · busy ${worker.busy}/${worker.concurrency}${heartbeat} · `}
			<Text color={remoteColor[worker.state]}>{worker.state}</Text>
		</Text>
	);
}

function Trouble({pool, width}: {readonly pool: PoolRow; readonly width: number}) {
	const failure = pool.lastFailure;
	const text = failure
		? `✗ ${taskLabel(failure.call, failure.first, failure.count)} on ${failure.worker}: ${printable(failure.error.name)}: ${sanitize(failure.error.message)}`
		: pool.closedReason
			? `■ ${sanitize(pool.closedReason)}`
			: `✗ ${pool.deaths} worker${pool.deaths === 1 ? '' : 's'} died; replaced`;
	return (
		<Text color={failure || pool.state === 'broken' ? 'red' : 'yellow'} wrap="truncate">
			{'  '}
			{truncate(text, width - 2)}
		</Text>
	);
}
