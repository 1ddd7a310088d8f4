import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {EventBus} from '../../core/events/index.js';
import {type LogBook, type ProcessRow, type Snapshot, waitsOf} from '../../core/snapshot/index.js';
import type {DashboardController} from '../controller.js';
import type {Layout} from '../layout.js';
import type {Selection} from '../table-entries.js';
import type {ViewState} from '../view-state.js';
import {BottomPane} from './BottomPane.js';
import {PoolPanel} from './PoolPanel.js';
import {ProcessTable} from './ProcessTable.js';
import {QueuesPanel} from './QueuesPanel.js';
import {SharedPanel} from './SharedPanel.js';
import {SyncPanel} from './SyncPanel.js';

type Props = {
	/** The bus the events pane follows. */
	readonly bus: EventBus;
	/** Every process's recent output, for the log pane. */
	readonly book: LogBook;
	/** The state the panels show. */
	readonly snapshot: Snapshot;
	/** The order, filter, focus and mode the panels are shown in. */
	readonly view: ViewState;
	/** The processes in the order chosen, not filtered: the table applies the filter. */
	readonly rows: readonly ProcessRow[];
	/** The highlighted row of the table: a process, or a descendant under one. */
	readonly selection: Selection;
	/** The highlighted process, whose log the bottom pane shows when it has the focus. */
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

/** The panels between the header and the footer, top to bottom, each its height from the layout. */
export function Panels({
	bus,
	book,
	snapshot,
	view,
	rows,
	selection,
	selected,
	now,
	sizes,
	presets,
	menuIndex,
	width,
}: Props) {
	const gap = sizes.gaps ? 1 : 0;
	// The same function while the bus is: the table's rows keep theirs, and render only on change.
	const clock = useMemo(() => () => bus.elapsed(), [bus]);
	const {pools, shared, sync} = snapshot;
	const empty = [
		pools.length === 0 && 'Pools',
		sync.queues.length + sync.pipes.length === 0 && 'Queues',
		shared.values.length + shared.arrays.length + sync.managed.length === 0 && 'Shared',
		shared.locks.length + sync.objects.length === 0 && 'Sync',
	].filter((name) => name !== false);
	return (
		<>
			<Box marginTop={1}>
				<ProcessTable
					processes={rows}
					descendants={snapshot.descendants}
					pools={pools}
					selectedId={selection.id}
					selectedPid={selection.pid}
					now={now}
					clock={clock}
					width={width}
					height={sizes.table}
					sort={view.sort}
					filter={view.filter}
					focused={view.focus === 'processes'}
					waits={waitsOf(shared, sync)}
					marked={view.marked}
				/>
			</Box>
			{sizes.pool > 0 && (
				<Box marginTop={gap} height={sizes.pool} overflow="hidden">
					<PoolPanel pools={pools} now={now} width={width} />
				</Box>
			)}
			{sizes.queues > 0 && (
				<Box marginTop={gap} height={sizes.queues} overflow="hidden">
					<QueuesPanel
						queues={sync.queues}
						pipes={sync.pipes}
						now={now}
						width={width}
						height={sizes.queues - 1}
					/>
				</Box>
			)}
			{sizes.shared > 0 && (
				<Box marginTop={gap} height={sizes.shared} overflow="hidden">
					<SharedPanel
						shared={shared}
						managed={sync.managed}
						width={width}
						height={sizes.shared - 1}
					/>
				</Box>
			)}
			{sizes.sync > 0 && (
				<Box marginTop={gap} height={sizes.sync} overflow="hidden">
					<SyncPanel
						locks={shared.locks}
						objects={sync.objects}
						now={now}
						width={width}
						height={sizes.sync - 1}
					/>
				</Box>
			)}
			{sizes.empty > 0 && (
				<Box marginTop={gap}>
					<NoneLine names={empty.join(' ')} />
				</Box>
			)}
			{/* A fixed height: the footer stays on the last line however little the pane shows. */}
			<Box marginTop={gap} height={sizes.bottom + 1} overflow="hidden">
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

// The panels with nothing to show, in one line ("Pools none · Sync none"): `names` apart by spaces.
// It renders again when one fills or empties, not at each tick of the clock.
const NoneLine = memo(function NoneLine({names}: {readonly names: string}) {
	return (
		<Text dimColor wrap="truncate">
			{names.split(' ').map((name, index) => (
				<Text key={name}>
					{index > 0 ? ' · ' : ''}
					<Text bold>{name}</Text> none
				</Text>
			))}
		</Text>
	);
});
