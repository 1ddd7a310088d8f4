import {useInput} from 'ink';
import {useCallback, useRef} from 'react';

/** What the keys do while a menu is open: they move in it, and nothing else happens. */
export type MenuKeys = {
	readonly previous: () => void;
	readonly next: () => void;
	readonly pick: () => void;
	readonly close: () => void;
};

/** What the dashboard's keys do; each is called with nothing and decides for itself. */
export type KeyActions = {
	readonly selectPrevious: () => void;
	readonly selectNext: () => void;
	readonly terminateSelected: () => void;
	readonly openPresets: () => void;
	readonly quit: () => void;
	/** Set while a menu is open: every key goes to it. */
	readonly menu?: MenuKeys;
};

/** Routes key presses to `actions`. Ctrl-C quits like `q` (a second one forces). */
export function useKeymap(actions: KeyActions, isActive = true): void {
	// Ink re-subscribes a changed handler only in an effect, after the frame is on screen; a key
	// pressed in between would reach the previous render's actions. A ref is always the latest.
	const latest = useRef(actions);
	latest.current = actions;
	const onInput = useCallback(
		(
			input: string,
			key: {upArrow: boolean; downArrow: boolean; ctrl: boolean; return: boolean; escape: boolean},
		) => {
			const current = latest.current;
			if (current.menu && !(key.ctrl && input === 'c')) return menuKey(current.menu, input, key);
			if (key.upArrow) current.selectPrevious();
			else if (key.downArrow) current.selectNext();
			else if (input === 'k') current.terminateSelected();
			else if (input === 's') current.openPresets();
			else if (input === 'q' || (key.ctrl && input === 'c')) current.quit();
		},
		[],
	);
	useInput(onInput, {isActive});
}

function menuKey(
	menu: MenuKeys,
	input: string,
	key: {upArrow: boolean; downArrow: boolean; return: boolean; escape: boolean},
): void {
	if (key.upArrow) menu.previous();
	else if (key.downArrow) menu.next();
	else if (key.return) menu.pick();
	else if (key.escape || input === 's' || input === 'q') menu.close();
}
