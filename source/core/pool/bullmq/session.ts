// A bullmq pool's hold on its queue while it has work: a Queue to add and remove jobs, and a
// QueueEvents that hears them start, complete and fail. Opened on the first call, closed when the
// pool has nothing outstanding, so that an idle pool holds no socket and keeps no program alive.
import type {Queue, QueueEvents} from 'bullmq';
import {type Heartbeat, readHeartbeats} from './heartbeat.js';
import type {RemoteOptions} from './options.js';
import {checkRedis, loadBullmq, RedisLink, type RedisStatus} from './redis.js';
import {type ChunkData, chunkJobName} from './wire.js';

/** What the session tells its pool. */
export type SessionListener = {
	/** A worker took the job. */
	readonly active: (jobId: string) => void;
	/** The job ended with this return value. */
	readonly completed: (jobId: string, returnvalue: unknown) => void;
	/** BullMQ failed the job: the processor threw, or it stalled more often than allowed. */
	readonly failed: (jobId: string, reason: string) => void;
	/** The procdash workers on the queue now, from their heartbeats (about once a second). */
	readonly workers: (heartbeats: readonly Heartbeat[]) => void;
	/** Redis went away, or came back. */
	readonly status: (status: RedisStatus, shownUrl: string) => void;
};

// How often the workers' heartbeats are read while the pool has work.
const watchWorkersMs = 1000;

// Completed and failed jobs are kept a while, for a person looking at the queue, then dropped.
const keepSeconds = 3600;

/** An open connection to the pool's queue. */
export class Session {
	readonly #link: RedisLink;
	readonly #queue: Queue;
	readonly #events: QueueEvents;
	readonly #watching: NodeJS.Timeout;

	private constructor(
		link: RedisLink,
		queue: Queue,
		events: QueueEvents,
		watching: NodeJS.Timeout,
	) {
		this.#link = link;
		this.#queue = queue;
		this.#events = events;
		this.#watching = watching;
	}

	/**
	 * Connects (or throws a RedisUnreachableError within the connect timeout) and listens to the
	 * queue's events from now on: nothing added after this resolves can go unheard.
	 */
	static async open(remote: RemoteOptions, listener: SessionListener): Promise<Session> {
		const packages = await loadBullmq();
		await checkRedis(remote.connection, remote.connectTimeoutMs, packages);
		const link = new RedisLink(remote.connection, packages);
		link.onStatus((status) => listener.status(status, link.shownUrl));
		const {Queue, QueueEvents} = packages.bullmq;
		const client = link.client();
		const queue = new Queue(remote.queue, {connection: client});
		// Read the event stream from its last entry as of now, not from whenever QueueEvents first
		// blocks on it: a job that completes in between would otherwise never be heard.
		const last = (await client.xrevrange(queue.toKey('events'), '+', '-', 'COUNT', 1)) as [
			string,
			unknown,
		][];
		const events = new QueueEvents(remote.queue, {
			connection: link.client(),
			lastEventId: last[0]?.[0] ?? '0',
		});
		events.on('active', ({jobId}) => listener.active(jobId));
		events.on('completed', ({jobId, returnvalue}) => listener.completed(jobId, returnvalue));
		events.on('failed', ({jobId, failedReason}) => listener.failed(jobId, failedReason));
		// Errors reach the status listener through the link; this only keeps them from being thrown.
		events.on('error', () => {});
		queue.on('error', () => {});
		await events.waitUntilReady();
		const watch = () => readHeartbeats(client, remote.queue).then(listener.workers, () => {});
		await watch();
		return new Session(link, queue, events, setInterval(watch, watchWorkersMs));
	}

	/** Adds one job per chunk, with the job ids given. */
	async add(jobs: readonly {readonly jobId: string; readonly data: ChunkData}[]): Promise<void> {
		await this.#queue.addBulk(
			jobs.map(({jobId, data}) => ({
				name: chunkJobName,
				data,
				opts: {
					jobId,
					removeOnComplete: {age: keepSeconds},
					removeOnFail: {age: keepSeconds},
				},
			})),
		);
	}

	/** Removes the jobs no worker has taken yet; a job already running is left to finish. */
	async remove(jobIds: readonly string[]): Promise<void> {
		await Promise.all(jobIds.map((jobId) => this.#queue.remove(jobId).catch(() => 0)));
	}

	/** Closes the queue, its events and their connections. */
	async close(): Promise<void> {
		clearInterval(this.#watching);
		await Promise.allSettled([this.#events.close(), this.#queue.close()]);
		this.#link.close();
	}
}
