import {afterEach} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {type Orchestrator, type OrchestratorOptions, Process} from '../../source/index.js';
import {App} from '../../source/ui/App.js';
import {orchestratorController} from '../../source/ui/controller.js';
import {useOrchestrator} from './orchestrator.js';
import {renderTerminal, type Terminal} from './render.js';

/** The dashboard of a live run, as tests drive it. */
export type Dashboard = {
	/** This test's orchestrator: stopped after the test, which then checks nothing is left. */
	readonly orchestrator: () => Orchestrator;
	/** Renders the dashboard on the orchestrator's bus, keys steering it, in a fixed terminal. */
	readonly open: (size?: {readonly columns?: number; readonly rows?: number}) => Terminal;
	/** Starts `command args…` as a process called `name` on this test's orchestrator. */
	readonly start: (name: string, command: string, ...args: string[]) => Promise<Process>;
};

/**
 * Gives each test a fresh orchestrator (see `useOrchestrator`) and a way to open the dashboard
 * on it; the dashboard is unmounted before the orchestrator is stopped.
 */
export function useDashboard(options?: OrchestratorOptions): Dashboard {
	const orchestrator = useOrchestrator(options);
	let terminal: Terminal | undefined;
	// Registered after useOrchestrator's, so it runs before the stop (after-hooks run as a stack).
	afterEach(() => {
		terminal?.unmount();
		terminal = undefined;
	});
	return {
		orchestrator,
		open({columns = 120, rows = 40} = {}) {
			const bus = orchestrator().bus;
			const store = new SnapshotStore(bus);
			const controller = orchestratorController(orchestrator());
			terminal = renderTerminal(<App bus={bus} store={store} controller={controller} />, {
				columns,
				rows,
			});
			return terminal;
		},
		async start(name, command, ...args) {
			const child = new Process({command, args, name, orchestrator: orchestrator()});
			await child.start();
			return child;
		},
	};
}

/** One line of the process table, read back from a frame. */
export type TableRow = {
	readonly name: string;
	readonly pid: number | undefined;
	readonly state: string;
	/** The whole line, for what comes after the state (exit code, target). */
	readonly line: string;
};

// A running process blocked on a lock, a queue or another waiting object says `waiting on …` instead.
const rowPattern = /^[› ][• ](\S+) +(\d*) +\d* +(created|running|paused|exited|failed|waiting on) /;

/** The process rows of the table in `frame`, top to bottom. */
export function tableRows(frame: string): TableRow[] {
	const rows: TableRow[] = [];
	for (const line of frame.split('\n')) {
		const match = rowPattern.exec(line);
		if (!match) continue;
		const [, name = '', pid = '', state = ''] = match;
		rows.push({name, pid: pid === '' ? undefined : Number(pid), state, line});
	}
	return rows;
}

/** Whether the row is marked (Space): a • before its name. */
export function isMarked(row: TableRow | undefined): boolean {
	return row?.line[1] === '•';
}

/** The first row of the process table in `frame` called `name`. */
export function rowNamed(frame: string, name: string): TableRow | undefined {
	return tableRows(frame).find((row) => row.name === name);
}

/** The names in the process table of `frame`, top to bottom. */
export function tableNames(frame: string): string[] {
	return tableRows(frame).map((row) => row.name);
}

/** A line of the log pane: seconds, then "! " for stderr or two spaces for stdout, then `text`. */
export function logLine(stream: 'stdout' | 'stderr', text: string): RegExp {
	const mark = stream === 'stderr' ? '! ' : ' {2}';
	return new RegExp(`^ *\\d+\\.\\d{3} ${mark}${text} *$`, 'm');
}

/** Types `text` one key at a time, as a person would. */
export function typeText(terminal: Terminal, text: string): void {
	for (const char of text) terminal.press(char);
}
