// A real terminal for the dashboard benchmarks: a tmux server of its own running one command in
// a pane of a fixed size; keys in with send-keys, the screen out with capture-pane.
import {execFileSync, spawnSync} from 'node:child_process';
import {readStat, statusBytes, system} from '../source/core/stats/proc.js';

let sessions = 0;

/** Whether tmux can be run here; the dashboard figures are skipped without it. */
export function hasTmux(): boolean {
	return spawnSync('tmux', ['-V']).status === 0;
}

/** One tmux server with one pane. */
export class Terminal {
	readonly #socket: string;

	private constructor(socket: string) {
		this.#socket = socket;
	}

	/** Starts `command` (argv) in a new `columns`×`rows` pane. */
	static open(command: readonly string[], {columns = 120, rows = 40} = {}): Terminal {
		const terminal = new Terminal(`procdash-bench-${process.pid}-${++sessions}`);
		const line = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
		terminal.tmux(
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
		return terminal;
	}

	/** The pid of the command in the pane. */
	get pid(): number {
		return Number(this.tmux('display-message', '-p', '#{pane_pid}').trim());
	}

	/** The screen as text. */
	screen(): string {
		try {
			return this.tmux('capture-pane', '-p');
		} catch {
			return '';
		}
	}

	/** Presses keys as tmux names them: `q`, `Down`. */
	press(...keys: string[]): void {
		this.tmux('send-keys', ...keys);
	}

	/** Polls the screen (every `everyMs`) until `predicate` holds; the screen, or undefined at the deadline. */
	async waitFor(
		predicate: (screen: string) => boolean,
		timeoutMs = 15_000,
		everyMs = 20,
	): Promise<string | undefined> {
		const deadline = performance.now() + timeoutMs;
		while (performance.now() < deadline) {
			const screen = this.screen();
			if (predicate(screen)) return screen;
			await new Promise((resolve) => setTimeout(resolve, everyMs));
		}
		return undefined;
	}

	/** Ends the tmux server and what runs in it. */
	close(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.#socket, ...args], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
	}
}

/** CPU time (user + system) the process has used, in seconds; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
	const stat = readStat(pid);
	return stat && (stat.utime + stat.stime) / system().clockTicks;
}

/** Resident memory of the process in bytes (VmRSS); undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
	return statusBytes(pid, 'VmRSS');
}
