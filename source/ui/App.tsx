import {Box, Text, useApp} from 'ink';
import {useEffect, useReducer} from 'react';
import type {EventBus} from '../core/events/index.js';
import type {SnapshotStore} from '../core/snapshot/index.js';
import {BottomPane} from './components/BottomPane.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {LocksPanel} from './components/LocksPanel.js';
import {PoolPanel} from './components/PoolPanel.js';
import {ProcessTable} from './components/ProcessTable.js';
import {SharedPanel} from './components/SharedPanel.js';
import {TextPrompt} from './components/TextPrompt.js';
import type {DashboardController} from './controller.js';
import {useClock} from './hooks/use-clock.js';
import {type Command, useKeymap} from './hooks/use-keymap.js';
import {useLogBook} from './hooks/use-log-book.js';
import {usePresetMenu} from './hooks/use-preset-menu.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {keyHelp} from './keys.js';
import {layout, tableLines} from './layout.js';
import {orderByPool} from './pool-labels.js';
import {actOnSelected, keysFor} from './steer-selected.js';
import {initialView, type Mode, moveSelection, reduceView, visibleRows} from './view-state.js';

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

/** The dashboard: header, processes, pools, shared state, locks, events or a log, and the keys. */
export function App({bus, store, controller, interactive = true}: Props) {
	const snapshot = useSnapshot(store);
	const now = useClock(bus, 1000);
	const {columns, rows} = useTerminalSize();
	const {exit} = useApp();
	const book = useLogBook(bus);
	const [view, dispatch] = useReducer(reduceView, initialView);
	const menu = usePresetMenu(controller.presets, snapshot.scenario?.name);

	const tableRows = orderByPool(visibleRows(snapshot.processes, view), snapshot.pools);
	const selected = tableRows.find((row) => row.id === view.selectedId) ?? tableRows[0];
	const rowCount = tableRows.length + snapshot.descendants.length + snapshot.pools.length;
	const promptOpen = view.mode === 'command' || view.mode === 'filter';
	const sizes = layout(snapshot, tableLines(rowCount, view), columns, rows, promptOpen);
	const logLines = view.focus === 'log' && selected ? book.lines(selected.id).length : 0;
	const select = (step: number) =>
		dispatch({type: 'select', id: moveSelection(tableRows, selected?.id, step)});
	const scroll = (by: number) => dispatch({type: 'scroll', by, max: logLines - sizes.bottom});
	const say = (message: string) => dispatch({type: 'say', message});
	const act = actOnSelected(controller, selected, say);

	const onCommand = (command: Command, mode: Mode) => {
		if (command === 'quit') return quit();
		if (typeof command === 'object') return dispatch({type: 'type', text: command.text});
		if (mode === 'help') return dispatch({type: 'close'});
		if (mode === 'menu') return menuCommand(command);
		if (mode === 'command' || mode === 'filter') return promptCommand(command, mode);
		const arrows = view.focus === 'log' ? scroll : select;
		const page = Math.max(1, (view.focus === 'log' ? sizes.bottom : sizes.table) - 1);
		switch (command) {
			case 'up':
				return view.focus === 'log' ? scroll(1) : select(-1);
			case 'down':
				return view.focus === 'log' ? scroll(-1) : select(1);
			case 'page-up':
				return view.focus === 'log' ? scroll(page) : select(-page);
			case 'page-down':
				return view.focus === 'log' ? scroll(-page) : select(page);
			case 'home':
				return arrows(view.focus === 'log' ? logLines : -tableRows.length);
			case 'end':
				return arrows(view.focus === 'log' ? -logLines : tableRows.length);
			case 'next-panel':
				return dispatch({type: 'focus', focus: view.focus === 'log' ? 'processes' : 'log'});
			case 'open-log':
				return dispatch({type: 'focus', focus: 'log'});
			case 'back':
				if (view.focus === 'log') return dispatch({type: 'focus', focus: 'processes'});
				return view.filter ? dispatch({type: 'clear-filter'}) : undefined;
			case 'new-process':
				return controller.readOnly
					? say(controller.readOnly)
					: dispatch({type: 'open', mode: 'command'});
			case 'presets':
				if (controller.readOnly) return say(controller.readOnly);
				if (!controller.presets)
					return say('presets: only when procdash plays one (procdash <preset>)');
				menu.open();
				return dispatch({type: 'open', mode: 'menu'});
			case 'terminate':
			case 'kill':
			case 'pause':
			case 'restart':
				return act(command);
			case 'filter':
				return dispatch({type: 'open', mode: 'filter'});
			case 'help':
				return dispatch({type: 'open', mode: 'help'});
			case 'sort':
				return dispatch({type: 'cycle-sort'});
		}
	};

	const menuCommand = (command: Command) => {
		if (command === 'up') return menu.move(-1);
		if (command === 'down') return menu.move(1);
		if (command === 'submit') menu.pick();
		else if (command === 'back') menu.close();
		else return;
		dispatch({type: 'close'});
	};

	const promptCommand = (command: Command, mode: 'command' | 'filter') => {
		if (command === 'erase') return dispatch({type: 'erase'});
		if (mode === 'filter') {
			if (command === 'submit') return dispatch({type: 'apply-filter'});
			if (command === 'back') return dispatch({type: 'clear-filter'});
			return;
		}
		if (command === 'back') return dispatch({type: 'close'});
		if (command === 'submit') dispatch({type: 'submit-command'});
	};

	// The `n` prompt's line is started here, once the reducer has it.
	const pendingCommand = view.pendingCommand;
	useEffect(() => {
		if (pendingCommand === undefined) return;
		dispatch({type: 'command-sent'});
		dispatch({type: 'say', message: `starting ${pendingCommand}…`});
		void controller
			.startCommand(pendingCommand)
			.then((outcome) => dispatch({type: 'say', message: outcome.message}));
	}, [pendingCommand, controller]);

	const quit = () => {
		// A replay has nothing to stop: it ends the playback and leaves at once.
		if (controller.readOnly) {
			controller.stop();
			return exit();
		}
		if (view.quitting) {
			say('forcing: SIGKILL sent to every process');
			return controller.killAll();
		}
		dispatch({type: 'quit'});
		say('stopping every process… press q again to force');
		controller.stop();
	};

	useKeymap(view.mode, onCommand, interactive);

	// Leave only once the frame that says how the stop went is on screen.
	const stopped = snapshot.stopped !== undefined;
	useEffect(() => {
		if (view.quitting && stopped) exit();
	}, [view.quitting, stopped, exit]);

	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return (
			<Text color="yellow">
				procdash needs at least {minimumSize.columns}×{minimumSize.rows}; this terminal is {columns}
				×{rows}. Make it larger, or press q to quit.
			</Text>
		);
	}

	const width = columns - 1;
	const {scenario, shared} = snapshot;
	return (
		<Box flexDirection="column" width={columns}>
			<Header snapshot={snapshot} now={now} width={width} />
			{scenario && (
				<Box height={sizes.about} width={width} overflow="hidden">
					<Text dimColor wrap="wrap">
						{scenario.about}
					</Text>
				</Box>
			)}
			{scenario && scenario.state !== 'running' && (
				<Text color={scenario.state === 'passed' ? 'green' : 'red'} wrap="truncate">
					{scenario.state === 'passed' ? '✓ ' : '✗ '}
					{scenario.notes[0]}
				</Text>
			)}
			{view.mode === 'help' ? (
				<Box marginTop={1}>
					<HelpOverlay keys={keyHelp} width={width} />
				</Box>
			) : (
				<>
					<Box marginTop={1}>
						<ProcessTable
							processes={tableRows}
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
						<SharedPanel shared={shared} width={width} height={sizes.shared - 1} />
					</Box>
					<Box marginTop={1}>
						<LocksPanel locks={shared.locks} now={now} width={width} height={sizes.locks - 1} />
					</Box>
					<Box marginTop={1}>
						<BottomPane
							bus={bus}
							book={book}
							view={view}
							selected={selected}
							menu={
								menu.index !== undefined && controller.presets
									? {choices: controller.presets.choices, index: menu.index}
									: undefined
							}
							width={width}
							height={sizes.bottom}
						/>
					</Box>
				</>
			)}
			{promptOpen && (
				<TextPrompt
					label={view.mode === 'filter' ? 'filter by name:' : 'new process:'}
					value={view.draft}
					placeholder={
						view.mode === 'filter'
							? 'Enter keeps it, Esc clears it'
							: "e.g. sleep 30, or sh -c 'yes | head'"
					}
					width={width}
				/>
			)}
			<Footer keys={keysFor(view)} message={view.message ?? controller.readOnly} width={width} />
		</Box>
	);
}
