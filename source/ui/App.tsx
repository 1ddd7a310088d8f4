import {Box, Text, useApp} from 'ink';
import {useEffect, useState} from 'react';
import type {EventBus} from '../core/events.js';
import type {ProcessRow} from '../core/snapshot.js';
import type {SnapshotStore} from '../core/store.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {LocksPanel} from './components/LocksPanel.js';
import {PoolPanel, poolPanelHeight} from './components/PoolPanel.js';
import {PresetMenu} from './components/PresetMenu.js';
import {ProcessTable} from './components/ProcessTable.js';
import {SharedPanel} from './components/SharedPanel.js';
import {Timeline} from './components/Timeline.js';
import type {DashboardController} from './controller.js';
import {formatExitcode} from './format.js';
import {useClock} from './hooks/use-clock.js';
import {useKeymap} from './hooks/use-keymap.js';
import {usePresetMenu} from './hooks/use-preset-menu.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useTimeline} from './hooks/use-timeline.js';
import {keyHelp} from './keys.js';
import {orderByPool} from './pool-labels.js';

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

/** The smallest terminal the layout is made for. */
export const minimumSize = {columns: 80, rows: 24} as const;

/** The dashboard: header, processes, events and the keys, all from the bus. */
export function App({bus, store, controller, interactive = true}: Props) {
	const snapshot = useSnapshot(store);
	const now = useClock(bus, 500);
	const {columns, rows} = useTerminalSize();
	const {exit} = useApp();
	const timeline = useTimeline(bus, 100);
	const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
	const [message, setMessage] = useState<string | undefined>(undefined);
	const [quitting, setQuitting] = useState(false);

	const menu = usePresetMenu(controller.presets, snapshot.scenario?.name);

	const rowsShown = orderByPool(snapshot.processes, snapshot.pools);
	const selected = rowsShown.find((row) => row.id === selectedId) ?? rowsShown[0];
	const move = (step: number) => {
		if (rowsShown.length === 0) return;
		const index = selected ? rowsShown.indexOf(selected) : 0;
		const next = rowsShown[Math.min(rowsShown.length - 1, Math.max(0, index + step))] as ProcessRow;
		setSelectedId(next.id);
		setMessage(undefined);
	};

	useKeymap(
		{
			selectPrevious: () => move(-1),
			selectNext: () => move(1),
			terminateSelected: () => {
				if (controller.readOnly) return setMessage(controller.readOnly);
				if (!selected) return setMessage('no process selected');
				if (controller.terminate(selected.id))
					return setMessage(`SIGTERM sent to ${selected.name} (pid ${selected.pid})`);
				setMessage(
					selected.state === 'created'
						? `${selected.name} has not started: nothing to terminate`
						: `${selected.name} has already exited (exit code ${formatExitcode(selected.exitcode)}): nothing to terminate`,
				);
			},
			openPresets: () => {
				if (controller.readOnly) return setMessage(controller.readOnly);
				if (!controller.presets)
					return setMessage('presets: only when procdash plays one (procdash <preset>)');
				menu.open();
			},
			menu: menu.keys,
			quit: () => {
				// A replay has nothing to stop: it ends the playback and leaves at once.
				if (controller.readOnly) {
					controller.stop();
					return exit();
				}
				if (quitting) {
					setMessage('forcing: SIGKILL sent to every process');
					controller.killAll();
					return;
				}
				setQuitting(true);
				setMessage('stopping every process… press q again to force');
				controller.stop();
			},
		},
		interactive,
	);

	// Leave only once the frame that says how the stop went is on screen.
	const stopped = snapshot.stopped !== undefined;
	useEffect(() => {
		if (quitting && stopped) exit();
	}, [quitting, stopped, exit]);

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return (
			<Text color="yellow">
				procdash needs at least {minimumSize.columns}×{minimumSize.rows}; this terminal is {columns}
				×{rows}. Make it larger, or press q to quit.
			</Text>
		);
	}

	const descendants = snapshot.descendants;
	const poolLines = poolPanelHeight(snapshot.pools);
	const tableLines = rowsShown.length + descendants.length + snapshot.pools.length;
	const headerLines = 1 + (snapshot.stopping ? 1 : 0) + (snapshot.stopped ? 1 : 0);
	const aboutLines = snapshot.scenario
		? Math.min(3, Math.ceil(snapshot.scenario.about.length / (columns - 1)))
		: 0;
	const notesLines = snapshot.scenario && snapshot.scenario.state !== 'running' ? 1 : 0;
	const footerLines = 2;
	const {shared} = snapshot;
	const sharedCount = shared.values.length + shared.arrays.length;
	const sharedLines = sharedCount === 0 ? 1 : 1 + Math.min(sharedCount, 6);
	const hasCycle = shared.locks.some((lock) => lock.deadlock);
	const locksLines =
		shared.locks.length === 0 ? 1 : 1 + Math.min(shared.locks.length, 5) + (hasCycle ? 1 : 0);
	const free =
		rows -
		headerLines -
		aboutLines -
		notesLines -
		footerLines -
		sharedLines -
		locksLines -
		(poolLines + 1) -
		6;
	const tableHeight = Math.max(3, Math.min(tableLines, Math.floor(free * 0.6)));
	const timelineHeight = Math.max(2, free - tableHeight);
	const width = columns - 1;

	return (
		<Box flexDirection="column" width={columns}>
			<Header snapshot={snapshot} now={now} width={width} />
			{snapshot.scenario && (
				<Box height={aboutLines} width={width} overflow="hidden">
					<Text dimColor wrap="wrap">
						{snapshot.scenario.about}
					</Text>
				</Box>
			)}
			{snapshot.scenario && snapshot.scenario.state !== 'running' && (
				<Text color={snapshot.scenario.state === 'passed' ? 'green' : 'red'} wrap="truncate">
					{snapshot.scenario.state === 'passed' ? '✓ ' : '✗ '}
					{snapshot.scenario.notes[0]}
				</Text>
			)}
			<Box marginTop={1}>
				<ProcessTable
					processes={rowsShown}
					descendants={descendants}
					selectedId={selected?.id}
					now={now}
					width={width}
					height={tableHeight}
					pools={snapshot.pools}
				/>
			</Box>
			<Box marginTop={1}>
				<PoolPanel pools={snapshot.pools} now={now} width={width} />
			</Box>
			<Box marginTop={1}>
				<SharedPanel shared={shared} width={width} height={sharedLines - 1} />
			</Box>
			<Box marginTop={1}>
				<LocksPanel locks={shared.locks} now={now} width={width} height={locksLines - 1} />
			</Box>
			<Box marginTop={1}>
				{menu.index !== undefined && controller.presets ? (
					<PresetMenu
						presets={controller.presets.choices}
						index={menu.index}
						width={width}
						height={timelineHeight + 1}
					/>
				) : (
					<Timeline entries={timeline} width={width} height={timelineHeight} />
				)}
			</Box>
			<Footer keys={keyHelp} message={message ?? controller.readOnly} width={width} />
		</Box>
	);
}
