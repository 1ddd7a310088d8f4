/** The dashboard's keys as the footer, `--help` and the README list them: [key, what it does]. */
export const keyHelp: readonly (readonly [string, string])[] = [
	['↑/↓', 'select'],
	['k', 'terminate'],
	['s', 'presets'],
	['q', 'quit'],
];
