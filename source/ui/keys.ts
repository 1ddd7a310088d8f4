/** Every key of the dashboard as `?`, `--help` and the README list them: [key, what it does]. */
export const keyHelp: readonly (readonly [string, string])[] = [
	['↑/↓', 'select (PgUp/PgDn a page, Home/End first/last)'],
	['Tab/Enter', "the selected process's log (Esc: back to events)"],
	['n', 'new process: a command line (no shell unless sh -c …)'],
	['s', 'start a preset from the menu (Home/End: the first/last)'],
	['k/K', 'terminate (its stop rule, SIGKILL after the grace) / kill'],
	['p', 'pause / resume (SIGSTOP / SIGCONT)'],
	['r', 'restart as a new process'],
	['S', 'send a signal: HUP INT QUIT USR1 USR2 TERM KILL STOP CONT'],
	['Space', 'mark the row: k, K, p, r and S act on every marked row'],
	['i', "type a line to the selected process's stdin (stdin: true)"],
	['/', 'filter by name; in a log: search it, n/N next/previous match'],
	['t', 'wall-clock times in the log'],
	['←/→', 'in a prompt: move the cursor (Home/End); Ctrl-U, Ctrl-W erase'],
	['o', 'sort: started, name, cpu, memory, state'],
	['?', 'this help'],
	['q', 'quit gracefully, with a countdown; q again or Ctrl-C forces'],
];

/** The short footer for the normal mode, every key working; see keysFor for the ones left out. */
export const footerKeys: readonly (readonly [string, string])[] = [
	['↑/↓', 'select'],
	['Enter', 'log'],
	['n', 'new'],
	['s', 'presets'],
	['k/K', 'stop/kill'],
	['p', 'pause'],
	['r', 'restart'],
	['S', 'signal'],
	['/', 'filter'],
	['o', 'sort'],
	['?', 'help'],
	['q', 'quit'],
];
