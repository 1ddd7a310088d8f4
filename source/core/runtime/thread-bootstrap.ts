// The entry point of every Thread (a worker thread): imports the task's module, calls the export
// with its arguments (shared objects as views of the owner's memory), reports what it returned or
// threw, and ends the thread the way a task child ends its process: 0 on return, 1 on an exception.
import {readlinkSync} from 'node:fs';
import {type MessagePort, parentPort, threadId, workerData} from 'node:worker_threads';
import {type ChildMessage, containsHandle, type ThreadStart} from '../ipc/messages.js';
import {setRuntimeContext} from './context.js';
import {loadTask} from './load-task.js';
import {runToEnd} from './run-to-end.js';
import {decodeHandles} from './shared-args.js';
import {setThreadContext} from './thread-context.js';
import {registerTsx} from './typescript.js';

const start = workerData as ThreadStart;
const port = parentPort as MessagePort;

// Shared-state code is loaded only by a thread that was given a shared object.
async function decodeArgs(args: readonly unknown[]): Promise<unknown[]> {
	if (!containsHandle(args)) return [...args];
	return (await decodeHandles(args)) as unknown[];
}

function send(message: ChildMessage): void {
	port.postMessage(message);
}

// On Linux, /proc/thread-self names the calling thread: its kernel id lets the owner sample
// this thread's own CPU. Elsewhere there is none, and the dashboard shows no CPU for threads.
function announce(): void {
	try {
		const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (Number.isInteger(tid)) port.postMessage({type: 'thread-running', tid});
	} catch {
		// Not Linux.
	}
}

async function run(): Promise<void> {
	announce();
	// A thread is part of the process it runs in: currentProcess() there is that process.
	if (start.process) setRuntimeContext(start.process);
	setThreadContext({...start.self, threadId}, port);
	if (start.tsx) await registerTsx(start.tsx);
	await runToEnd(
		start.target.exportName,
		async () => {
			const fn = await loadTask(start.target);
			return fn(...(await decodeArgs(start.args)));
		},
		{
			to: 'owner',
			returned: (value) => send({type: 'returned', value}),
			threw: (error) => send({type: 'threw', error}),
		},
	);
}

void run();
