// The way to Redis for a bullmq pool and for `procdash worker`: bullmq and ioredis are imported
// here, on first use, so that a program (and the procdash command) that never asks for a bullmq
// pool never loads them.
import type * as BullmqModule from 'bullmq';
import type {Redis as RedisClient} from 'ioredis';
import {RedisUnreachableError} from '../../errors.js';
import {redact} from '../../util/redact.js';

/** The two packages, loaded. */
export type BullmqPackages = {
	readonly bullmq: typeof BullmqModule;
	readonly Redis: typeof RedisClient;
};

let loading: Promise<BullmqPackages> | undefined;

/** Imports bullmq and ioredis, once. */
export function loadBullmq(): Promise<BullmqPackages> {
	loading ??= Promise.all([import('bullmq'), import('ioredis')]).then(([bullmq, ioredis]) => ({
		bullmq,
		Redis: ioredis.Redis,
	}));
	return loading;
}

/** Whether Redis answers, as a pool or a worker sees it. */
export type RedisStatus = 'connected' | 'waiting';

/**
 * The connections of one pool or worker to one Redis: each BullMQ object gets a client of its own
 * (BullMQ blocks on some), all made here, watched here and closed here. A lost connection is
 * retried without end (every command waits for it); `onStatus` hears when Redis goes and comes back.
 */
export class RedisLink {
	/** The URL with its password replaced by `***`: the only form that is ever shown. */
	readonly shownUrl: string;
	readonly #url: string;
	readonly #Redis: typeof RedisClient;
	readonly #clients: RedisClient[] = [];
	readonly #down = new Set<RedisClient>();
	#onStatus: (status: RedisStatus) => void = () => {};

	constructor(url: string, packages: BullmqPackages) {
		this.#url = url;
		this.shownUrl = redact(url);
		this.#Redis = packages.Redis;
	}

	/** Calls `listener` when Redis is lost ('waiting') and when every connection is back ('connected'). */
	onStatus(listener: (status: RedisStatus) => void): void {
		this.#onStatus = listener;
	}

	/** A new client, retrying forever as BullMQ needs (`maxRetriesPerRequest: null`). */
	client(): RedisClient {
		const client = new this.#Redis(this.#url, {
			maxRetriesPerRequest: null,
			retryStrategy: (times) => Math.min(100 * times, 1000),
		});
		this.#clients.push(client);
		// Without a listener ioredis prints every failed reconnect; the status says it once.
		client.on('error', () => {});
		client.on('close', () => {
			if (this.#down.size === 0) this.#onStatus('waiting');
			this.#down.add(client);
		});
		client.on('ready', () => {
			if (this.#down.delete(client) && this.#down.size === 0) this.#onStatus('connected');
		});
		return client;
	}

	/** Closes every client it made. */
	close(): void {
		this.#onStatus = () => {};
		for (const client of this.#clients.splice(0)) client.disconnect();
	}
}

/**
 * Checks once that Redis at `url` answers within `timeoutMs`: a PING with no retry. Throws a
 * RedisUnreachableError of one line (the URL redacted) when it does not.
 */
export async function checkRedis(
	url: string,
	timeoutMs: number,
	packages: BullmqPackages,
): Promise<void> {
	const probe = new packages.Redis(url, {
		lazyConnect: true,
		connectTimeout: timeoutMs,
		maxRetriesPerRequest: 0,
		enableOfflineQueue: false,
		retryStrategy: () => null,
	});
	let lastError: Error | undefined;
	probe.on('error', (error: Error) => {
		lastError = error;
	});
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		await Promise.race([probe.connect().then(() => probe.ping()), timeout]);
	} catch (error) {
		const why = (lastError ?? (error as Error)).message;
		throw new RedisUnreachableError(
			`cannot reach Redis at ${redact(url)} within ${timeoutMs} ms: ${redact(why)}`,
		);
	} finally {
		clearTimeout(timer);
		probe.disconnect();
	}
}

/** Checks a Redis URL's form: `redis://` or `rediss://` (TLS). Returns the message of what is wrong. */
export function redisUrlProblem(url: unknown): string | undefined {
	if (typeof url !== 'string') return `must be a redis:// or rediss:// URL, got ${typeof url}`;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `must be a redis:// or rediss:// URL, got '${redact(url)}'`;
	}
	if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
		return `must be a redis:// or rediss:// URL, got '${redact(url)}'`;
	return undefined;
}
