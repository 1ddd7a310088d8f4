import {useInput} from 'ink';
import {useCallback, useRef} from 'react';

/** What the dashboard's keys do; each is called with nothing and decides for itself. */
export type KeyActions = {
	readonly selectPrevious: () => void;
	readonly selectNext: () => void;
	readonly terminateSelected: () => void;
	readonly quit: () => void;
};

/** Routes key presses to `actions`. Ctrl-C quits like `q` (a second one forces). */
export function useKeymap(actions: KeyActions, isActive = true): void {
	// Ink re-subscribes a changed handler only in an effect, after the frame is on screen; a key
	// pressed in between would reach the previous render's actions. A ref is always the latest.
	const latest = useRef(actions);
	latest.current = actions;
	const onInput = useCallback(
		(input: string, key: {upArrow: boolean; downArrow: boolean; ctrl: boolean}) => {
			const current = latest.current;
			if (key.upArrow) current.selectPrevious();
			else if (key.downArrow) current.selectNext();
			else if (input === 'k') current.terminateSelected();
			else if (input === 'q' || (key.ctrl && input === 'c')) current.quit();
		},
		[],
	);
	useInput(onInput, {isActive});
}
