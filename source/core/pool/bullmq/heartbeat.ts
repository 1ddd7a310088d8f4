// How a bullmq pool knows the procdash workers on its queue: each worker keeps a key in Redis
// with what it is and how busy, renewed often and expiring soon after it stops being renewed.
// BullMQ's own worker list gives connections, not hosts, pids or busy slots.
import type {Redis} from 'ioredis';

/** What a procdash worker says of itself, every heartbeat. */
export type Heartbeat = {
	readonly host: string;
	readonly pid: number;
	readonly concurrency: number;
	/** Chunks it is running now. */
	readonly busy: number;
	/** Its `--stalled-ms`: silent for longer than this, it is stale. */
	readonly stalledMs: number;
	/** When it said so, in milliseconds since the epoch (its clock). */
	readonly at: number;
};

/** The key prefix of a queue's heartbeats. */
export function heartbeatPrefix(queue: string): string {
	return `procdash:workers:${queue}:`;
}

/** How often a worker beats: often enough that it is never stale while alive. */
export function beatEveryMs(stalledMs: number): number {
	return Math.max(200, Math.min(2000, Math.floor(stalledMs / 3)));
}

/** Writes one heartbeat; the key expires after two stalled intervals without another. */
export async function beat(client: Redis, queue: string, heartbeat: Heartbeat): Promise<void> {
	const key = `${heartbeatPrefix(queue)}${heartbeat.host}:${heartbeat.pid}`;
	await client.set(key, JSON.stringify(heartbeat), 'PX', 2 * heartbeat.stalledMs);
}

/** Removes a worker's heartbeat: it stopped cleanly. */
export async function forget(
	client: Redis,
	queue: string,
	host: string,
	pid: number,
): Promise<void> {
	await client.del(`${heartbeatPrefix(queue)}${host}:${pid}`);
}

/** The heartbeats on `queue` now (a queue has a handful of workers: KEYS is cheap here). */
export async function readHeartbeats(client: Redis, queue: string): Promise<Heartbeat[]> {
	const keys = await client.keys(`${heartbeatPrefix(queue)}*`);
	if (keys.length === 0) return [];
	const values = await client.mget(...keys);
	const beats: Heartbeat[] = [];
	for (const value of values) {
		if (!value) continue;
		try {
			beats.push(JSON.parse(value) as Heartbeat);
		} catch {}
	}
	return beats.sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid);
}
