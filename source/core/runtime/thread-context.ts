import type {MessagePort} from 'node:worker_threads';

/** Who a Thread is, as it sees itself: set once by the thread bootstrap. */
export type ThreadSelf = {
	readonly name: string;
	/** Its worker thread id. */
	readonly threadId: number;
	readonly daemon: boolean;
	/** Its id on its orchestrator, the actor id it writes on the locks it holds. */
	readonly id: number;
};

// Kept on globalThis, which is per thread, so that two copies of procdash loaded in one thread
// (the bootstrap's and a task module's) agree.
const selfKey = Symbol.for('procdash.thread');
const portKey = Symbol.for('procdash.thread-port');
type Holder = {[selfKey]?: ThreadSelf; [portKey]?: MessagePort};

/** Records who this thread is and its port to the owner; called by the thread bootstrap. */
export function setThreadContext(self: ThreadSelf, port: MessagePort): void {
	(globalThis as Holder)[selfKey] = self;
	(globalThis as Holder)[portKey] = port;
}

/** Who this thread is, inside a Thread; undefined in a process's main thread. */
export function threadContext(): ThreadSelf | undefined {
	return (globalThis as Holder)[selfKey];
}

/** The port to the thread's owner, inside a Thread: what the runtime's channel uses there. */
export function threadPort(): MessagePort | undefined {
	return (globalThis as Holder)[portKey];
}
