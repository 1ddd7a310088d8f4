#!/usr/bin/env node
// The procdash command: parse argv, then hand over to the mode asked for. Everything past parsing
// is imported on demand, Ink only when a dashboard opens (it costs ~440 ms, which --version,
// --help, list, --json and replay's checks must not pay).
import {parseArgs, UsageError} from './source/cli/args.js';

async function main(): Promise<number> {
	let command: ReturnType<typeof parseArgs>;
	try {
		command = parseArgs(process.argv.slice(2));
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		const {usageText} = await import('./source/cli/help.js');
		process.stderr.write(
			`procdash: ${error.message}\n${error.showUsage ? `\n${usageText()}See procdash --help.\n` : ''}`,
		);
		return 2;
	}
	const [{execute}, {CliError}] = await Promise.all([
		import('./source/cli/main.js'),
		import('./source/cli/errors.js'),
	]);
	try {
		return await execute(command);
	} catch (error) {
		if (!(error instanceof CliError)) throw error;
		process.stderr.write(`${error.message}\n`);
		return 2;
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
