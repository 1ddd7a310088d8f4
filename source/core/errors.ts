import type {ErrorInfo} from './events.js';

/** A Process method was called in a state that does not allow it (start twice, join before start). */
export class ProcessStateError extends Error {
	override readonly name = 'ProcessStateError';
}

/** A daemonic process tried to start a child, which CPython forbids too. */
export class DaemonError extends Error {
	override readonly name = 'DaemonError';

	constructor(options?: ErrorOptions) {
		super('daemonic processes are not allowed to have children', options);
	}
}

/** An error thrown inside a child process, rebuilt in the parent with the child's name and stack. */
export class RemoteError extends Error {
	override readonly name: string;
	/** The child's own stack, as the child printed it. */
	readonly remoteStack: string | undefined;

	constructor(info: ErrorInfo) {
		super(info.message);
		this.name = info.name;
		this.remoteStack = info.stack;
		if (info.stack) this.stack = info.stack;
	}
}

/** Turns anything thrown into plain data that can cross a process boundary. */
export function toErrorInfo(error: unknown): ErrorInfo {
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			name: error.name,
			message: error.message,
			stack: error.stack,
			...(typeof code === 'string' ? {code} : {}),
		};
	}
	return {name: 'Error', message: String(error)};
}

/** Starting one more process would pass the orchestrator's `maxProcesses`. */
export class ProcessLimitError extends Error {
	override readonly name = 'ProcessLimitError';
}

/** A lock was released while nobody held it (CPython raises RuntimeError the same way). */
export class LockReleaseError extends Error {
	override readonly name = 'LockReleaseError';
}
