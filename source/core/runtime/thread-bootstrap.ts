// The entry point of every Thread (a worker thread): imports the task's module, calls the export
// with its arguments (shared objects as views of the owner's memory), reports what it returned or
// threw, and ends the thread the way a task child ends its process: 0 on return, 1 on an exception.
import {readlinkSync} from 'node:fs';
import {type MessagePort, parentPort, threadId, workerData} from 'node:worker_threads';
import {toErrorInfo} from '../errors.js';
import {type ChildMessage, containsHandle, type ThreadStart} from '../ipc.js';
import {setRuntimeContext} from './context.js';
import {loadTask} from './load-task.js';
import {setThreadContext} from './thread-context.js';

const start = workerData as ThreadStart;
const port = parentPort as MessagePort;

// Shared-state code is loaded only by a thread that was given a shared object.
async function decodeArgs(args: readonly unknown[]): Promise<unknown[]> {
	if (!containsHandle(args)) return [...args];
	const [{decodeShared}, {threadAccess}] = await Promise.all([
		import('../shared/handles.js'),
		import('../shared/thread-access.js'),
	]);
	return decodeShared(args, (handle) => threadAccess(handle, start.self.id)) as unknown[];
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
	try {
		const fn = await loadTask(start.target);
		const value = await fn(...(await decodeArgs(start.args)));
		try {
			send({type: 'returned', value});
		} catch (error) {
			throw Object.assign(
				new Error(
					`task '${start.target.exportName}' returned a value that cannot be sent to the owner: ${toErrorInfo(error).message}`,
				),
				{name: 'DataCloneError'},
			);
		}
		process.exit(0);
	} catch (error) {
		const info = toErrorInfo(error);
		process.stderr.write(`${info.stack ?? `${info.name}: ${info.message}`}\n`);
		send({type: 'threw', error: info});
		process.exit(1);
	}
}

void run();
