import type {Dispatch} from 'react';
import type {LogLine, ProcessRow} from '../core/snapshot/index.js';
import type {DashboardController} from './controller.js';
import type {PresetMenuState} from './hooks/use-preset-menu.js';
import type {Layout} from './layout.js';
import type {RowEntry} from './table-entries.js';
import type {ViewAction, ViewState} from './view-state.js';

/** What the keys act on: the view and its reducer, the processes shown, and the controller. */
export type CommandTargets = {
	/** What the keys do to the processes: steer an orchestrator, or nothing in a replay. */
	readonly controller: DashboardController;
	/** The view the keys came in: its mode, focus and selection. */
	readonly view: ViewState;
	/** Changes the view; see view-state.ts. */
	readonly dispatch: Dispatch<ViewAction>;
	/** The table's rows, processes and their descendants, in the order shown. */
	readonly rows: readonly RowEntry[];
	/** The highlighted row: the one k, K, p, r and Enter act on. */
	readonly selected: RowEntry | undefined;
	/** The panels' heights, for a page of PgUp/PgDn. */
	readonly sizes: Layout;
	/** The marked processes (Space), in the order marked, that k, K, p, r and S act on. */
	readonly marked: readonly ProcessRow[];
	/** The selected process's kept log lines, oldest first, while the log has the focus. */
	readonly logLines: readonly LogLine[];
	/** The preset menu `s` opens. */
	readonly menu: PresetMenuState;
	/** Whether the snapshot says every process has stopped: a quit leaves then. */
	readonly stopped: boolean;
	/** Whether everything is stopping or stopped (a quit, a signal, a preset switch): nothing may start. */
	readonly stopping: boolean;
	/** Whether keys are read: false where stdin cannot be put in raw mode. */
	readonly interactive: boolean;
};
