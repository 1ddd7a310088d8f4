import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach} from 'vitest';
import {readStat} from '../../source/core/stats/proc.js';

/** The built `procdash` command, as `npm test` builds it. */
export const cliPath = fileURLToPath(new URL('../../cli.js', import.meta.url));

let sessions = 0;

/**
 * A real terminal: a tmux server of its own (its own socket, no user config) running one
 * command in a pane of a fixed size. Keys go in with send-keys; the screen comes back with
 * capture-pane.
 */
export class TmuxTerminal {
	readonly #socket: string;

	private constructor(socket: string) {
		this.#socket = socket;
	}

	/** Starts `command` (argv) in a new pane of `columns`×`rows`. */
	static open(command: readonly string[], {columns = 120, rows = 40} = {}): TmuxTerminal {
		const socket = `procdash-test-${process.pid}-${++sessions}`;
		const terminal = new TmuxTerminal(socket);
		const line = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
		terminal.#tmux(
			'-f',
			'/dev/null',
			'new-session',
			'-d',
			'-x',
			String(columns),
			'-y',
			String(rows),
			`exec ${line}`,
		);
		terminal.#tmux('set-option', '-g', 'remain-on-exit', 'on');
		return terminal;
	}

	/** The pid of the command in the pane. */
	get pid(): number {
		return Number(this.#tmux('display-message', '-p', '#{pane_pid}').trim());
	}

	/** True once the command in the pane has exited. */
	get exited(): boolean {
		return this.#tmux('display-message', '-p', '#{pane_dead}').trim() === '1';
	}

	/** How many lines the pane's scrollback holds, above what the screen shows. */
	historySize(): number {
		return Number(this.#tmux('display-message', '-p', '#{history_size}').trim());
	}

	/** The command's exit status once it has exited (128+N when signal N ended it). */
	get exitStatus(): number {
		// tmux 3.3 marks a pane dead when its terminal closes and may not reap the process, leaving
		// it a zombie and #{pane_dead_status} at 0 whatever the status was. The kernel still holds
		// the zombie's status: field 52 of /proc/<pid>/stat, as waitpid(2) reports it.
		const status = zombieStatus(this.pid);
		if (status !== undefined) return status;
		return Number(this.#tmux('display-message', '-p', '#{pane_dead_status}').trim());
	}

	/** The visible screen as text. */
	screen(): string {
		return this.#tmux('capture-pane', '-p');
	}

	/** The visible screen with its attributes as SGR escapes (inverse, bold, colours) and its trailing blanks: `capture-pane -e -N`. */
	styledScreen(): string {
		return this.#tmux('capture-pane', '-p', '-e', '-N');
	}

	/** The title the program in the pane gave its terminal (an OSC 0 or 2 sequence sets it). */
	title(): string {
		return this.#tmux('display-message', '-p', '#{pane_title}').trim();
	}

	/** Presses keys as tmux names them: `k`, `q`, `Down`, `C-c`. */
	press(...keys: string[]): void {
		this.#tmux('send-keys', ...keys);
	}

	/** Resizes the window, as a person dragging the terminal's corner would. */
	resize(columns: number, rows: number): void {
		this.#tmux('resize-window', '-x', String(columns), '-y', String(rows));
	}

	/** Polls the screen until `predicate` holds; rejects with the last screen at the deadline. */
	async waitForScreen(predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
		return waitUntil(
			() => {
				const screen = this.screen();
				return predicate(screen) ? screen : undefined;
			},
			timeoutMs,
			() => `the screen never matched; it was:\n${this.screen()}`,
		);
	}

	/** Waits for the command to exit. */
	async waitForExit(timeoutMs = 15_000): Promise<void> {
		await waitUntil(
			() => (this.exited ? true : undefined),
			timeoutMs,
			() => `still running:\n${this.screen()}`,
		);
	}

	/** Ends the tmux server and everything in it. */
	close(): void {
		try {
			this.#tmux('kill-server');
		} catch {
			// Already gone.
		}
	}

	#tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.#socket, ...args], {encoding: 'utf8'});
	}
}

/**
 * Terminals for the tests of a file: call it at the file's top level, and open terminals with the
 * function it returns (as `TmuxTerminal.open`). Each is closed after its test, however it ended.
 */
export function terminalPerTest(): typeof TmuxTerminal.open {
	const opened: TmuxTerminal[] = [];
	afterEach(() => {
		for (const terminal of opened.splice(0)) terminal.close();
	});
	return (command, size) => {
		const terminal = TmuxTerminal.open(command, size);
		opened.push(terminal);
		return terminal;
	};
}

/** Polls `probe` every 50 ms until it returns a value, or rejects with `describe()` at the deadline. */
export async function waitUntil<T>(
	probe: () => T | undefined,
	timeoutMs: number,
	describe: () => string,
): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (performance.now() > deadline) throw new Error(describe());
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

// The exit status of a zombie, from its waitpid(2) status word; undefined when it is not one.
function zombieStatus(pid: number): number | undefined {
	const stat = readStat(pid);
	if (stat?.state !== 'Z') return undefined;
	const word = stat.exitCode;
	const signal = word & 0x7f;
	return signal === 0 ? (word >> 8) & 0xff : 128 + signal;
}
