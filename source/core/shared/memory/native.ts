// procdash's own native addon (native/shared-memory.cc, built at install by tools/build-native.mjs):
// memory that processes map together, and the futex wait and wake that reach across processes.
// Where it was not built (no compiler), cannot load, or PROCDASH_SHARED_MEMORY=off says so,
// Values, SharedArrays and Locks reach child processes through the owner's broker instead.
import {createRequire} from 'node:module';

/** What the addon exports. */
export type SharedMemoryAddon = {
	/** A new memory file of `bytes` zeroed bytes; its descriptor. */
	create(name: string, bytes: number): number;
	/** Makes the file `bytes` long. */
	grow(fd: number, bytes: number): void;
	/** `length` bytes from `offset` (page-aligned) of a descriptor or a path, as shared memory. */
	map(file: number | string, offset: number, length: number): SharedArrayBuffer;
	/** Sleeps while `word[index]` is `expected`: 0 woken, 1 not equal, 2 timed out. */
	wait(word: Int32Array, index: number, expected: number, timeoutMs: number): number;
	/** Wakes up to `count` sleepers on `word[index]`, in any process; how many it woke. */
	wake(word: Int32Array, index: number, count: number): number;
};

/** Where Values, SharedArrays and Locks live for child processes, and why. */
export type SharedMemoryStatus =
	| {readonly kind: 'memory'; readonly addon: SharedMemoryAddon}
	| {readonly kind: 'broker'; readonly reason: string};

/** The environment variable that forces the broker (`off`). */
export const sharedMemoryVariable = 'PROCDASH_SHARED_MEMORY';

// From dist/source/core/shared/memory/ to the package's root, where node-gyp builds.
const addonUrl = new URL(
	'../../../../../build/Release/procdash_shared_memory.node',
	import.meta.url,
);

let status: SharedMemoryStatus | undefined;
let brokerForced = false;

/**
 * Makes the Values, SharedArrays and Locks created from now on in this process reach child
 * processes through the broker (true), or back (false): the bench measures both in one run.
 */
export function forceBroker(forced: boolean): void {
	brokerForced = forced;
}

/** Whether processes share memory here (loading the addon the first time), or why not. */
export function sharedMemoryStatus(): SharedMemoryStatus {
	status ??= load();
	return status;
}

/** The addon, when processes share memory here. */
export function sharedMemoryAddon(): SharedMemoryAddon | undefined {
	if (brokerForced) return undefined;
	const found = sharedMemoryStatus();
	return found.kind === 'memory' ? found.addon : undefined;
}

/** One line for a user: how shared state reaches child processes, and what to do about it. */
export function sharedMemoryNote(): string {
	const found = sharedMemoryStatus();
	if (found.kind === 'memory') return 'shared state: processes share memory (native addon)';
	return `shared state: through the broker, one IPC round trip per operation (${found.reason})`;
}

function load(): SharedMemoryStatus {
	const setting = process.env[sharedMemoryVariable];
	if (setting === 'off' || setting === '0')
		return {kind: 'broker', reason: `${sharedMemoryVariable}=${setting}`};
	if (process.platform !== 'linux')
		return {kind: 'broker', reason: `no shared memory between processes on ${process.platform}`};
	try {
		const addon = createRequire(import.meta.url)(addonUrl.pathname) as SharedMemoryAddon & {
			supported: boolean;
		};
		if (!addon.supported)
			return {kind: 'broker', reason: 'the native addon does not support this system'};
		return {kind: 'memory', addon};
	} catch (error) {
		return {
			kind: 'broker',
			reason: `the native addon is not built (${firstLine(error)}); npm rebuild procdash with a C++ compiler builds it`,
		};
	}
}

function firstLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n')[0] ?? message;
}
