import {type ChildProcess, spawn} from 'node:child_process';
import type {Writable} from 'node:stream';

// The watchdog is a tiny shell, in a session of its own so that no terminal signal reaches it.
// It reads '+PGID' and '-PGID' lines on a pipe from procdash. When the pipe breaks — procdash
// exited, crashed or was SIGKILLed, which no handler of ours can see — it sends SIGTERM to every
// group still listed, waits a moment, and sends SIGKILL — and so to every process whose
// environment still carries the orchestrator's token ($1), which left its group (escapees.ts).
const script = `
groups=""
while IFS= read -r line; do
  case "$line" in
    +*) groups="$groups \${line#+}" ;;
    -*) kept=""; for g in $groups; do [ "$g" = "\${line#-}" ] || kept="$kept $g"; done; groups=$kept ;;
  esac
done
[ -z "$groups" ] && exit 0
escaped() {
  [ -n "$1" ] || return 0
  for p in /proc/[0-9]*; do
    tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -q "^PROCDASH_OWNERS=\\(.*,\\)*$1\\(,.*\\)*$" && echo "\${p#/proc/}"
  done
}
for g in $groups; do kill -s TERM -- "-$g" 2>/dev/null; kill -s CONT -- "-$g" 2>/dev/null; done
left=$(escaped "$1")
for p in $left; do kill -s TERM "$p" 2>/dev/null; kill -s CONT "$p" 2>/dev/null; done
sleep 1
for g in $groups; do kill -s KILL -- "-$g" 2>/dev/null; done
for p in $left; do kill -s KILL "$p" 2>/dev/null; done
`;

// An idle watchdog lingers this long before it ends: a run of short processes started one after
// another (each /bin/true of a loop) shares one watchdog instead of paying a /bin/sh spawn each.
const lingerMs = 2000;

/**
 * Kills every process group procdash started if procdash itself dies without cleaning up. It runs
 * only while there is a group to guard (and a moment after), so an idle program has no extra
 * process.
 */
export class Watchdog {
	readonly #groups = new Set<number>();
	readonly #token: string;
	#child: ChildProcess | undefined;
	#linger: NodeJS.Timeout | undefined;

	/** `token`: what the environment of every child of the orchestrator carries. */
	constructor(token = '') {
		this.#token = token;
	}

	/** The watchdog's own pid while it runs, so that checks for leftovers can tell it apart. */
	get pid(): number | undefined {
		return this.#child?.pid;
	}

	/** Guards the process group `pgid`; guarding it twice is guarding it once. */
	add(pgid: number): void {
		if (this.#groups.has(pgid)) return;
		clearTimeout(this.#linger);
		this.#groups.add(pgid);
		this.#write(`+${pgid}\n`);
	}

	/** Stops guarding `pgid`; the watchdog ends soon after nothing is left to guard. */
	remove(pgid: number): void {
		if (!this.#groups.delete(pgid)) return;
		this.#write(`-${pgid}\n`);
		if (this.#groups.size > 0) return;
		clearTimeout(this.#linger);
		this.#linger = setTimeout(() => this.close(), lingerMs);
		this.#linger.unref();
	}

	/** Ends the watchdog now if it guards nothing (an orchestrator that stopped). */
	close(): void {
		clearTimeout(this.#linger);
		if (this.#groups.size === 0) this.#close();
	}

	#write(line: string): void {
		const stdin = this.#stdin();
		stdin?.write(line);
	}

	#stdin(): Writable | undefined {
		if (!this.#child) {
			const child = spawn('/bin/sh', ['-c', script, 'procdash-watchdog', this.#token], {
				detached: true,
				stdio: ['pipe', 'ignore', 'ignore'],
			});
			child.on('error', () => {
				// No /bin/sh: the orderly paths still clean up; only the SIGKILL path loses its guard.
				this.#child = undefined;
			});
			child.stdin?.on('error', () => {});
			child.unref();
			(child.stdin as unknown as {unref?: () => void} | null)?.unref?.();
			this.#child = child;
			for (const pgid of this.#groups) child.stdin?.write(`+${pgid}\n`);
			return undefined;
		}
		return this.#child.stdin ?? undefined;
	}

	#close(): void {
		this.#child?.stdin?.end();
		this.#child = undefined;
	}
}
