// Where the memory of Values, SharedArrays and Locks lives when processes share it: one anonymous
// memory file per owning process (memfd), which the owner keeps open and grows page by page, one
// or more pages per object. A child maps an object's pages through /proc/<owner>/fd/<fd>. The file
// has no name in /dev/shm: nothing is left behind however the owner ends (even SIGKILL), since
// the kernel frees the memory once the last process that maps it is gone.
import {type SharedMemoryAddon, sharedMemoryAddon} from './native.js';

/** Where an object's memory is, for a child process to map it. */
export type RegionPlace = {
	/** `/proc/<owner pid>/fd/<fd>`: the owner's memory file. */
	readonly path: string;
	/** Byte offset in the file, a multiple of the page size. */
	readonly offset: number;
	/** Bytes mapped. */
	readonly length: number;
};

/** An object's memory in the owner, and where a child finds it. */
export type Region = {
	readonly buffer: SharedArrayBuffer;
	readonly place: RegionPlace;
};

const pageBytes = 4096;

let file: {readonly fd: number; readonly pid: number; size: number} | undefined;

/**
 * `bytes` of zeroed memory that child processes can map, or undefined where processes do not
 * share memory (the broker serves them) — or where the system refuses more (each object is one
 * mapping, and a process may have some 65,000): that object then stays with the broker.
 */
export function allocateRegion(bytes: number): Region | undefined {
	const addon = sharedMemoryAddon();
	if (!addon) return undefined;
	const length = Math.ceil(bytes / pageBytes) * pageBytes;
	try {
		const memory = fileOf(addon);
		const offset = memory.size;
		addon.grow(memory.fd, offset + length);
		memory.size = offset + length;
		return {
			buffer: addon.map(memory.fd, offset, length),
			place: {path: `/proc/${memory.pid}/fd/${memory.fd}`, offset, length},
		};
	} catch {
		return undefined;
	}
}

// What this process mapped already: a pool's worker is sent the same handles task after task,
// and each mapping is one of the few tens of thousands a process may have.
const mapped = new Map<string, SharedArrayBuffer>();

/** Maps the memory the owner placed at `place`, in a child process, once per place. */
export function mapRegion(place: RegionPlace): SharedArrayBuffer {
	const key = `${place.path}:${place.offset}`;
	const known = mapped.get(key);
	if (known) return known;
	const addon = sharedMemoryAddon();
	if (!addon) throw new Error('shared memory between processes is not available here');
	const buffer = addon.map(place.path, place.offset, place.length);
	mapped.set(key, buffer);
	return buffer;
}

// A fork()ed copy of the owner would carry the parent's descriptor number and pid: the pid tells.
function fileOf(addon: SharedMemoryAddon): {
	readonly fd: number;
	readonly pid: number;
	size: number;
} {
	if (file?.pid !== process.pid) {
		file = {fd: addon.create(`procdash-shared-${process.pid}`, 0), pid: process.pid, size: 0};
	}
	return file;
}
