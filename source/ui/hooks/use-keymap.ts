import {useInput} from 'ink';

/** What the dashboard's keys do; each is called with nothing and decides for itself. */
export type KeyActions = {
	readonly selectPrevious: () => void;
	readonly selectNext: () => void;
	readonly terminateSelected: () => void;
	readonly quit: () => void;
};

/** Routes key presses to `actions`. Ctrl-C quits like `q` (a second one forces). */
export function useKeymap(actions: KeyActions, isActive = true): void {
	useInput(
		(input, key) => {
			if (key.upArrow) actions.selectPrevious();
			else if (key.downArrow) actions.selectNext();
			else if (input === 'k') actions.terminateSelected();
			else if (input === 'q' || (key.ctrl && input === 'c')) actions.quit();
		},
		{isActive},
	);
}
