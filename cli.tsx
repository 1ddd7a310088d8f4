#!/usr/bin/env node
// The procdash command: parse argv, then hand over to the mode asked for. Everything past parsing
// is imported on demand, Ink only when a dashboard opens (it costs ~440 ms, which --version,
// --help, list, --json and replay's checks must not pay).
import {parseArgs, UsageError} from './source/cli/args.js';
import {InputError} from './source/core/errors.js';

async function main(): Promise<number> {
	try {
		const command = parseArgs(process.argv.slice(2));
		const {execute} = await import('./source/cli/main.js');
		return await execute(command);
	} catch (error) {
		// Input the person can fix: one clear message and its exit code, no stack.
		if (!(error instanceof InputError)) throw error;
		const usage =
			error instanceof UsageError && error.showUsage
				? `\n${(await import('./source/cli/help.js')).usageText()}See procdash --help.\n`
				: '';
		process.stderr.write(`${error.located ? '' : 'procdash: '}${error.message}\n${usage}`);
		return error.exitcode;
	}
}

main().then(
	(exitcode) => {
		process.exitCode = exitcode;
		// Flush stdout before leaving: a pipe reader must get the summary line.
		process.stdout.write('', () => process.exit(exitcode));
	},
	(error: unknown) => {
		process.stderr.write(
			`procdash: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(70);
	},
);
