/** What the command line asked for. */
export type Command =
	| {readonly kind: 'help'}
	| {readonly kind: 'version'}
	| {readonly kind: 'list'}
	| {readonly kind: 'dashboard'; readonly preset: string};

/** A command line that cannot be understood; `message` says what is wrong and what to do. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

/** The preset played when none is named. */
export const defaultPreset = 'parallel';

/** Reads argv (without node and the script) into a command, or throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
	const positional: string[] = [];
	for (const arg of argv) {
		if (arg === '--help' || arg === '-h') return {kind: 'help'};
		if (arg === '--version' || arg === '-v') return {kind: 'version'};
		if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'; see procdash --help`);
		positional.push(arg);
	}
	if (positional.length > 1) {
		throw new UsageError(
			`expected at most one preset, got '${positional.join(' ')}'; see procdash --help`,
		);
	}
	const [first] = positional;
	if (first === 'list') return {kind: 'list'};
	return {kind: 'dashboard', preset: first ?? defaultPreset};
}
