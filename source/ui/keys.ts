/** Every key of the dashboard as `?`, `--help` and the README list them: [key, what it does]. */
export const keyHelp: readonly (readonly [string, string])[] = [
	['↑/↓', 'select (PgUp/PgDn a page, Home/End first/last)'],
	['Tab', 'next panel: processes or log'],
	['Enter', "the selected process's log (Esc: back to events)"],
	['n', 'new process: a command line (no shell unless sh -c …)'],
	['s', 'start a preset from the menu (Home/End: the first/last)'],
	['k', 'terminate: SIGTERM, then SIGKILL after the grace period'],
	['K', 'kill: SIGKILL'],
	['p', 'pause / resume (SIGSTOP / SIGCONT)'],
	['r', 'restart as a new process'],
	['/', 'filter by name as you type (Enter keeps it, Esc clears it)'],
	['←/→', 'in n and /: move the cursor (Home/End); Ctrl-U, Ctrl-W erase'],
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
	['/', 'filter'],
	['o', 'sort'],
	['?', 'help'],
	['q', 'quit'],
];
