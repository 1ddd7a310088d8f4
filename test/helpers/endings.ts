import {fileURLToPath} from 'node:url';
import {commandOf, isRunning, processTree, waitFor} from './processes.js';
import {cliPath, type TmuxTerminal, waitUntil} from './tmux.js';

/** procdash playing a preset in a real terminal, with every process it had started by then. */
export type RunningDashboard = {
	readonly terminal: TmuxTerminal;
	/** procdash itself. */
	readonly procdash: number;
	/** Every descendant of procdash once all were running: workers, adders, the shell, its sleeps. */
	readonly tree: readonly number[];
};

/** The module that, preloaded with NODE_OPTIONS, makes procdash (and only it) crash. */
export const crashModule = fileURLToPath(new URL('../fixtures/crash-procdash.js', import.meta.url));

/**
 * Opens procdash playing `tour` (a pool of 3, three task processes under a lock, a shell with
 * sleeps of its own) in a terminal from `openTerminal` (see `terminalPerTest`), and resolves once
 * all of those run. `env` goes before the command, as `env NAME=value node cli.js tour`.
 */
export async function startTour(
	openTerminal: typeof TmuxTerminal.open,
	env: readonly string[] = [],
): Promise<RunningDashboard> {
	const command = env.length > 0 ? ['env', ...env] : [];
	const terminal = openTerminal([...command, 'node', cliPath, 'tour'], {
		columns: 120,
		rows: 40,
	});
	const procdash = terminal.pid;
	let tree: number[] = [];
	const allRunning = async () => {
		tree = (await processTree(procdash)).filter((pid) => pid !== procdash);
		const commands = tree.map(commandOf);
		const nodes = commands.filter((command) => command === 'node').length;
		const sleeps = commands.filter((command) => command === 'sleep').length;
		// Three pool workers and three adders are Node; the shell keeps one or two sleeps.
		return nodes >= 6 && sleeps >= 1;
	};
	await waitFor(allRunning, {timeoutMs: 15_000, intervalMs: 100}).catch(() => {
		throw new Error(`procdash never had all its processes running; its tree: ${describe(tree)}`);
	});
	return {terminal, procdash, tree};
}

/** Waits up to `timeoutMs` for procdash to be gone (exited, or a zombie nobody reaps). */
export async function waitForEnd(procdash: number, timeoutMs = 15_000): Promise<void> {
	await waitUntil(
		() => (isRunning(procdash) ? undefined : true),
		timeoutMs,
		() => `procdash (pid ${procdash}) is still running`,
	);
}

/**
 * Expects every one of `pids` to be gone (zombies count as gone: this machine's init does not
 * reap orphans) within `timeoutMs`, or fails naming those left.
 */
export async function expectGoneWithin(pids: readonly number[], timeoutMs: number): Promise<void> {
	await waitUntil(
		() => (pids.some(isRunning) ? undefined : true),
		timeoutMs,
		() => `still running ${timeoutMs} ms later: ${describe(pids.filter(isRunning))}`,
	);
}

function describe(pids: readonly number[]): string {
	return pids.map((pid) => `${pid} (${commandOf(pid) ?? 'gone'})`).join(', ') || 'none';
}
