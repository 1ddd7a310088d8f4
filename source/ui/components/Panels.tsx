import {Box} from 'ink';
import type {EventBus} from '../../core/events/index.js';
import type {LogBook, ProcessRow, Snapshot} from '../../core/snapshot/index.js';
import type {DashboardController} from '../controller.js';
import type {Layout} from '../layout.js';
import type {ViewState} from '../view-state.js';
import {BottomPane} from './BottomPane.js';
import {LocksPanel} from './LocksPanel.js';
import {PoolPanel} from './PoolPanel.js';
import {ProcessTable} from './ProcessTable.js';
import {SharedPanel} from './SharedPanel.js';

type Props = {
	/** The bus the events pane follows. */
	readonly bus: EventBus;
	/** Every process's recent output, for the log pane. */
	readonly book: LogBook;
	/** The state the panels show. */
	readonly snapshot: Snapshot;
	/** The order, filter, focus and mode the panels are shown in. */
	readonly view: ViewState;
	/** The table's process rows, filtered and ordered. */
	readonly rows: readonly ProcessRow[];
	/** The highlighted row, whose log the bottom pane shows when it has the focus. */
	readonly selected: ProcessRow | undefined;
	/** The bus clock now, for uptimes and rates. */
	readonly now: number;
	/** Each panel's height. */
	readonly sizes: Layout;
	/** What `s` offers, for the preset menu. */
	readonly presets: DashboardController['presets'];
	/** The preset menu's highlighted entry while it is open. */
	readonly menuIndex: number | undefined;
	/** Columns available. */
	readonly width: number;
};

/** The panels between the header and the footer, top to bottom, a blank line above each. */
export function Panels({
	bus,
	book,
	snapshot,
	view,
	rows,
	selected,
	now,
	sizes,
	presets,
	menuIndex,
	width,
}: Props) {
	return (
		<>
			<Box marginTop={1}>
				<ProcessTable
					processes={rows}
					descendants={snapshot.descendants}
					selectedId={selected?.id}
					now={now}
					width={width}
					height={sizes.table}
					pools={snapshot.pools}
					sort={view.sort}
					filter={view.filter}
					focused={view.focus === 'processes'}
				/>
			</Box>
			<Box marginTop={1} height={sizes.pool} overflow="hidden">
				<PoolPanel pools={snapshot.pools} now={now} width={width} />
			</Box>
			<Box marginTop={1}>
				<SharedPanel shared={snapshot.shared} width={width} height={sizes.shared - 1} />
			</Box>
			<Box marginTop={1}>
				<LocksPanel
					locks={snapshot.shared.locks}
					now={now}
					width={width}
					height={sizes.locks - 1}
				/>
			</Box>
			<Box marginTop={1}>
				<BottomPane
					bus={bus}
					book={book}
					view={view}
					selected={selected}
					menu={
						menuIndex !== undefined && presets
							? {choices: presets.choices, index: menuIndex}
							: undefined
					}
					width={width}
					height={sizes.bottom}
				/>
			</Box>
		</>
	);
}
