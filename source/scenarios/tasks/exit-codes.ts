/** Returns normally: the child exits with 0. */
export function returnNormally(): string {
	console.log('returning normally');
	return 'done';
}

/** Throws: the child prints the traceback-like stack and exits with 1. */
export function raiseError(): never {
	throw new Error('raised on purpose');
}

/** Ends the runtime with `process.exit(code)`, as `sys.exit(code)` does in Python. */
export function exitWith(code: number): never {
	console.log(`calling process.exit(${code})`);
	process.exit(code);
}

/** Says it is ready, then waits until a signal ends it. */
export async function waitForSignal(): Promise<void> {
	console.log('ready');
	await new Promise((resolve) => setTimeout(resolve, 60_000));
}
