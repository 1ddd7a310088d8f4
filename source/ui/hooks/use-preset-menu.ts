import {useState} from 'react';
import type {DashboardController} from '../controller.js';
import type {MenuKeys} from './use-keymap.js';

/** The preset menu's state, and what its keys do while it is open. */
export type PresetMenuState = {
	/** The highlighted preset's index while open; undefined when closed. */
	readonly index: number | undefined;
	/** Opens the menu on the preset playing now. */
	readonly open: () => void;
	/** The keys of the open menu, for the keymap; undefined when closed. */
	readonly keys: MenuKeys | undefined;
};

/** The menu `s` opens: ↑/↓ move, enter plays the highlighted preset, escape closes it. */
export function usePresetMenu(
	presets: DashboardController['presets'],
	current: string | undefined,
): PresetMenuState {
	const [index, setIndex] = useState<number | undefined>(undefined);
	const count = presets?.choices.length ?? 0;
	const keys: MenuKeys | undefined =
		index === undefined || !presets
			? undefined
			: {
					previous: () => setIndex(Math.max(0, index - 1)),
					next: () => setIndex(Math.min(count - 1, index + 1)),
					pick: () => {
						setIndex(undefined);
						const choice = presets.choices[index];
						if (choice) presets.play(choice.name);
					},
					close: () => setIndex(undefined),
				};
	const open = () => {
		const playing = presets?.choices.findIndex((choice) => choice.name === current) ?? -1;
		setIndex(Math.max(0, playing));
	};
	return {index, open, keys};
}
