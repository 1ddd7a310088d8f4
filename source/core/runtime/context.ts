import type {ProcessIdentity} from '../ipc/messages.js';

/** What a runtime knows about itself: set once by the child bootstrap, absent in the main process. */
export type RuntimeContext = {
	readonly self: ProcessIdentity;
	readonly parent: Pick<ProcessIdentity, 'name' | 'pid'>;
};

// Kept on globalThis so that two copies of procdash loaded in one child (the bootstrap's and a
// user's task module's) still agree on who this process is.
const key = Symbol.for('procdash.runtime');
type Holder = {[key]?: RuntimeContext};

/** Records who this child is; called by the bootstrap before the task runs. */
export function setRuntimeContext(context: RuntimeContext): void {
	(globalThis as Holder)[key] = context;
}

/** Who this process is, when it was started by procdash; undefined in a main process. */
export function runtimeContext(): RuntimeContext | undefined {
	return (globalThis as Holder)[key];
}
