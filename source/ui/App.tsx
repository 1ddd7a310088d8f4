import {Box} from 'ink';
import {memo, useReducer, useRef} from 'react';
import type {EventBus} from '../core/events/index.js';
import type {Snapshot, SnapshotStore} from '../core/snapshot/index.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {Panels} from './components/Panels.js';
import {ScenarioAbout} from './components/ScenarioAbout.js';
import {SignalPicker} from './components/SignalPicker.js';
import {TextPrompt} from './components/TextPrompt.js';
import {TooSmall} from './components/TooSmall.js';
import type {DashboardController} from './controller.js';
import {useClock} from './hooks/use-clock.js';
import {useCommands} from './hooks/use-commands.js';
import {useLogBook} from './hooks/use-log-book.js';
import {usePresetMenu} from './hooks/use-preset-menu.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {keyHelp} from './keys.js';
import {layout, minimumSize, tableLines} from './layout.js';
import {countsTime, onlyRestlessChanged} from './steady-snapshot.js';
import {keysFor} from './steer-selected.js';
import {findSelected, rowEntries, selectionOf, tableEntries} from './table-entries.js';
import {initialView, isPrompt, type PromptMode, reduceView, visibleRows} from './view-state.js';

// What each prompt asks, and its hint while nothing is typed.
const prompts: Record<PromptMode, {readonly label: string; readonly placeholder: string}> = {
	command: {label: 'new process:', placeholder: "e.g. sleep 30, or sh -c 'yes | head'"},
	filter: {label: 'filter by name:', placeholder: 'Enter keeps it, Esc clears it'},
	search: {
		label: 'search the log:',
		placeholder: 'Enter keeps it (n/N: next/previous), Esc clears it',
	},
	stdin: {label: 'stdin:', placeholder: 'a line; Enter sends it with a newline, Esc cancels'},
};

type Props = {
	/** The bus the dashboard shows: a live orchestrator's, or a replay's. */
	readonly bus: EventBus;
	/** The snapshot store fed by that bus. */
	readonly store: SnapshotStore;
	/** What the keys do to the processes: steer an orchestrator, or nothing in a replay. */
	readonly controller: DashboardController;
	/** Whether keys are read: false where stdin cannot be put in raw mode. */
	readonly interactive?: boolean;
};

/** The dashboard: header, processes, pools, shared state, locks, events or a log, and the keys. */
export function App({bus, store, controller, interactive = true}: Props) {
	const snapshot = useSnapshot(store);
	const {columns, rows} = useTerminalSize();
	// At rest a sample a second changes the machine's load and nothing else: the header renders,
	// the panels below keep the snapshot they have and render only when it changes.
	const shown = useRef(snapshot);
	if (!onlyRestlessChanged(shown.current, snapshot)) shown.current = snapshot;
	const tooSmall = columns < minimumSize.columns || rows < minimumSize.rows;
	return (
		<Box flexDirection="column" width={columns}>
			{!tooSmall && <LiveHeader bus={bus} snapshot={snapshot} width={columns - 1} />}
			<Panes
				bus={bus}
				controller={controller}
				interactive={interactive}
				snapshot={shown.current}
				columns={columns}
				rows={rows}
			/>
		</Box>
	);
}

// The header, with the clock of its own that it ticks each second.
function LiveHeader({
	bus,
	snapshot,
	width,
}: {
	readonly bus: EventBus;
	readonly snapshot: Snapshot;
	readonly width: number;
}) {
	// Never before the last event shown: an event's `at` is the bus clock rounded to the
	// millisecond, up to half a millisecond ahead of it.
	const now = Math.max(useClock(bus, 1000), snapshot.at);
	return <Header snapshot={snapshot} now={now} width={width} />;
}

type PanesProps = Omit<Props, 'store'> & {
	/** The snapshot as the panels show it: as it was while only the header's figures changed. */
	readonly snapshot: Snapshot;
	readonly columns: number;
	readonly rows: number;
};

// Everything below the header, and the keys: it renders when its snapshot, the view or the
// terminal's size changes, and each second only while something in it counts time.
const Panes = memo(function Panes({
	bus,
	controller,
	interactive = true,
	snapshot,
	columns,
	rows,
}: PanesProps) {
	// Never before the last event shown: a frame drawn at once would count a 30 s stop down from 31 s.
	const now = Math.max(useClock(bus, 1000, countsTime(snapshot)), snapshot.at);
	const book = useLogBook(bus);
	const [view, dispatch] = useReducer(reduceView, initialView);
	const menu = usePresetMenu(controller.presets, snapshot.scenario?.name);

	// Sorted here, filtered by the table: a descendant that matches shows under a process that does not.
	const sorted = visibleRows(snapshot.processes, {sort: view.sort, filter: ''});
	const entries = tableEntries({...snapshot, processes: sorted, filter: view.filter});
	const tableRows = rowEntries(entries);
	const selectedEntry = findSelected(tableRows, {id: view.selectedId, pid: view.selectedPid});
	const selected = selectedEntry?.kind === 'process' ? selectedEntry.row : undefined;
	const promptOpen = isPrompt(view.mode) || view.mode === 'signal';
	const marked = snapshot.processes.filter((row) => view.marked.includes(row.id));
	const pane =
		menu.index !== undefined && controller.presets
			? {menu: controller.presets.choices.length}
			: view.focus === 'log'
				? 'log'
				: 'events';
	const sizes = layout(snapshot, tableLines(entries.length, view), columns, rows, promptOpen, pane);
	const logLines = view.focus === 'log' && selected ? book.lines(selected.id) : [];
	const stopping = snapshot.stopping !== undefined || snapshot.stopped !== undefined;
	useCommands({
		controller,
		view,
		dispatch,
		rows: tableRows,
		selected: selectedEntry,
		sizes,
		logLines,
		marked,
		menu,
		stopped: snapshot.stopped !== undefined,
		stopping,
		interactive,
	});

	if (columns < minimumSize.columns || rows < minimumSize.rows)
		return <TooSmall columns={columns} rows={rows} />;
	const width = columns - 1;
	return (
		<>
			{/* The help takes the description's lines too: at 80×24 it needs them. */}
			{view.mode !== 'help' && (
				<ScenarioAbout scenario={snapshot.scenario} height={sizes.about} width={width} />
			)}
			<Box
				flexDirection="column"
				height={sizes.body + (view.mode === 'help' ? sizes.about : 0)}
				overflow="hidden"
			>
				{view.mode === 'help' ? (
					<Box marginTop={1}>
						<HelpOverlay keys={keyHelp} width={width} />
					</Box>
				) : (
					<Panels
						bus={bus}
						book={book}
						snapshot={snapshot}
						view={view}
						rows={sorted}
						selection={selectionOf(selectedEntry)}
						selected={selected}
						now={now}
						sizes={sizes}
						presets={controller.presets}
						menuIndex={menu.index}
						width={width}
					/>
				)}
			</Box>
			{view.mode === 'signal' && (
				<SignalPicker
					target={
						marked.length > 0
							? `${marked.length} marked`
							: `${selected?.name ?? '?'} (pid ${selected?.pid ?? '?'})`
					}
					index={view.signalIndex}
				/>
			)}
			{isPrompt(view.mode) && (
				<TextPrompt
					{...prompts[view.mode]}
					label={
						view.mode === 'stdin'
							? `to ${selected?.name ?? '?'}'s stdin:`
							: prompts[view.mode].label
					}
					value={view.draft}
					cursor={view.cursor}
					width={width}
				/>
			)}
			<Footer
				keys={keysFor(view, {readOnly: controller.readOnly !== undefined, stopping})}
				message={view.message ?? controller.readOnly}
				width={width}
			/>
		</>
	);
});
