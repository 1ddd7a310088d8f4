import {toErrorInfo} from '../errors.js';
import type {ErrorInfo} from '../events/index.js';

/** Where a runtime reports what its task did: the parent process, or the owner of a thread. */
export type Report = {
	/** Who receives the report, as an error names them: `parent` or `owner`. */
	readonly to: 'parent' | 'owner';
	/** Sends what the task returned; throws or rejects when the value cannot be sent. */
	readonly returned: (value: unknown) => Promise<void> | void;
	/** Sends the error the task threw. */
	readonly threw: (error: ErrorInfo) => Promise<void> | void;
};

/**
 * Runs a task to the end of its runtime, as a CPython child ends: what `call` returns is reported
 * and the runtime exits 0; an exception (or a value that cannot be sent) is written to stderr and
 * reported, and it exits 1. `call` is called at once, in the caller's turn.
 */
export async function runToEnd(
	exportName: string,
	call: () => Promise<unknown>,
	report: Report,
): Promise<void> {
	try {
		const value = await call();
		try {
			await report.returned(value);
		} catch (error) {
			throw Object.assign(
				new Error(
					`task '${exportName}' returned a value that cannot be sent to the ${report.to}: ${toErrorInfo(error).message}`,
				),
				{name: 'DataCloneError'},
			);
		}
		process.exit(0);
	} catch (error) {
		const info = toErrorInfo(error);
		process.stderr.write(`${info.stack ?? `${info.name}: ${info.message}`}\n`);
		try {
			await report.threw(info);
		} catch {
			// The owner is gone or cannot be told: the exit code still says it failed.
		}
		process.exit(1);
	}
}
