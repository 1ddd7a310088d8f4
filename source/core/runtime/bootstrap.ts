// The entry point of every task child: receives one `run` message, imports the task's module,
// calls the export, reports what it returned or threw, and exits like a CPython child does
// (0 on return, 1 on an exception).
import {
	type ChildMessage,
	containsHandle,
	type ParentMessage,
	type RunMessage,
} from '../ipc/messages.js';
import {decodeWired, isV8Wired} from '../ipc/wire.js';
import {sendToParent} from './channel.js';
import {setRuntimeContext} from './context.js';
import {loadTask} from './load-task.js';
import {runToEnd} from './run-to-end.js';
import {decodeHandles} from './shared-args.js';
import {fromParent, toParent} from './wire-child.js';

function send(message: ChildMessage): Promise<void> {
	return sendToParent(message);
}

// Modules a spare preloaded, by URL: their functions are called without an await in between.
const preloaded = new Map<string, Record<string, unknown>>();

// On a spare that preloaded the task's module and was given plain arguments, the function runs
// in the same turn as the message arrives; anything else takes the awaits it needs.
async function run(message: RunMessage): Promise<void> {
	setRuntimeContext({self: {...message.self, pid: process.pid}, parent: message.parent});
	const {target} = message;
	await runToEnd(
		target.exportName,
		async () => {
			const ready = preloaded.get(target.module)?.[target.exportName];
			const fn =
				typeof ready === 'function'
					? (ready as (...args: unknown[]) => unknown)
					: await loadTask(target);
			const wired = isV8Wired(message.args)
				? await fromParent(message.args)
				: decodeWired(message.args);
			const args = wired as unknown[];
			return fn(...(containsHandle(args) ? ((await decodeHandles(args)) as unknown[]) : args));
		},
		{
			to: 'parent',
			returned: async (value) => send({type: 'returned', value: await toParent(value)}),
			threw: (error) => send({type: 'threw', error}),
		},
	);
}

// The parent is gone (exited, crashed or SIGKILLed): take this process group down with us so
// nothing we started is left behind.
process.on('disconnect', () => {
	try {
		process.kill(-process.pid, 'SIGKILL');
	} catch {
		process.exit(1);
	}
});

process.once('message', (message: ParentMessage) => {
	if (message?.type === 'run') void run(message);
});

// A spare imports the modules it was asked to preload before it says it is ready: a task of one
// of them then starts without the import. One that fails is left for the task to report.
async function preload(): Promise<void> {
	const [flag, ...modules] = process.argv.slice(2);
	if (flag !== '--spare') return;
	await Promise.all(
		modules.map((module) =>
			import(module).then(
				(namespace: Record<string, unknown>) => preloaded.set(module, namespace),
				() => {},
			),
		),
	);
}

// Loaded and listening: a spare is now worth taking.
void preload().then(() => sendToParent({type: 'runtime-ready'}).catch(() => {}));
