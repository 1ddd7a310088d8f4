import {memo} from 'react';
import type {EventBus} from '../../core/events/index.js';
import type {LogBook, ProcessRow} from '../../core/snapshot/index.js';
import type {PresetChoice} from '../controller.js';
import {useLogVersion} from '../hooks/use-log-book.js';
import {useTimeline} from '../hooks/use-timeline.js';
import type {ViewState} from '../view-state.js';
import {LogPane} from './LogPane.js';
import {PresetMenu} from './PresetMenu.js';
import {Timeline} from './Timeline.js';

type Props = {
	readonly bus: EventBus;
	/** Every process's recent output. */
	readonly book: LogBook;
	readonly view: ViewState;
	/** The selected process, whose log the pane shows when it has the focus. */
	readonly selected: ProcessRow | undefined;
	/** The open preset menu, if any. */
	readonly menu: {readonly choices: readonly PresetChoice[]; readonly index: number} | undefined;
	readonly width: number;
	/** Lines for entries, not counting the title. */
	readonly height: number;
};

/**
 * The pane under the panels: the preset menu while open, the selected process's log when focused,
 * else the events. It renders again when one of them changes, not at each tick of the clock.
 */
export const BottomPane = memo(function BottomPane({
	bus,
	book,
	view,
	selected,
	menu,
	width,
	height,
}: Props) {
	const timeline = useTimeline(bus, 200);
	const showLog = view.focus === 'log' && selected !== undefined;
	useLogVersion(book, showLog ? selected.id : undefined);
	if (menu)
		return (
			<PresetMenu presets={menu.choices} index={menu.index} width={width} height={height + 1} />
		);
	if (showLog) {
		return (
			<LogPane
				name={selected.name}
				lines={book.lines(selected.id)}
				total={book.total(selected.id)}
				scroll={view.logScroll}
				width={width}
				height={height}
				focused
				search={view.search}
				matchSeq={view.matchSeq}
				wallClockAt={view.wallClock ? bus.startedWallClock : undefined}
			/>
		);
	}
	return <Timeline entries={timeline} width={width} height={height} />;
});
