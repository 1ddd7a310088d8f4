import {Transform} from 'ink';

type Props = {
	/** What to show, worked out each time a frame is drawn; always as wide as `blank`. */
	readonly text: () => string;
	/** Spaces as wide as `text()`: what Ink lays out, once. */
	readonly blank: string;
};

/**
 * Text that follows the clock with no render of its own: nested in a Text, it is worked out when
 * Ink draws a frame, for whatever reason the frame is drawn. An uptime that changes every second
 * thus changes neither its row's React elements nor Ink's layout (its width never changes), and
 * a dashboard at rest re-renders only what its clock tick touches: the header.
 */
export function ClockText({text, blank}: Props) {
	return <Transform transform={text}>{blank}</Transform>;
}
