import {useState} from 'react';
import type {DashboardController} from '../controller.js';

/** The preset menu's highlighted entry, and how to move it. */
export type PresetMenuState = {
	/** The highlighted preset's index while open; undefined when closed. */
	readonly index: number | undefined;
	/** Opens the menu on the preset playing now. */
	readonly open: () => void;
	readonly move: (step: number) => void;
	/** Plays the highlighted preset and closes the menu. */
	readonly pick: () => void;
	readonly close: () => void;
};

/** The menu `s` opens: ↑/↓ move, enter plays the highlighted preset, escape closes it. */
export function usePresetMenu(
	presets: DashboardController['presets'],
	current: string | undefined,
): PresetMenuState {
	const [index, setIndex] = useState<number | undefined>(undefined);
	const count = presets?.choices.length ?? 0;
	return {
		index,
		open: () => {
			const playing = presets?.choices.findIndex((choice) => choice.name === current) ?? -1;
			setIndex(Math.max(0, playing));
		},
		move: (step) =>
			setIndex((at) => (at === undefined ? at : Math.min(count - 1, Math.max(0, at + step)))),
		pick: () => {
			setIndex(undefined);
			const choice = index === undefined ? undefined : presets?.choices[index];
			if (choice) presets?.play(choice.name);
		},
		close: () => setIndex(undefined),
	};
}
