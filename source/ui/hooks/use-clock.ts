import {useEffect, useReducer, useRef} from 'react';
import type {EventBus} from '../../core/events/index.js';

// How often the clock looks whether the screen has gone stale.
const lookEveryMs = 250;

/**
 * The bus's clock (ms since it started), read at each render, for uptimes and countdowns. The
 * dashboard renders anyway whenever the snapshot changes (the stats arrive every second while
 * anything runs), so the clock renders on its own only when nothing else has for `intervalMs`:
 * one frame a second at rest, not one for the stats and another for the clock. While `ticking` is
 * false it renders nothing on its own: the time is read only when something else renders.
 */
export function useClock(bus: EventBus, intervalMs = 1000, ticking = true): number {
	const [, tick] = useReducer((ticks: number) => ticks + 1, 0);
	const renderedAt = useRef(performance.now());
	useEffect(() => {
		renderedAt.current = performance.now();
	});
	useEffect(() => {
		if (!ticking) return;
		const timer = setInterval(
			() => {
				if (performance.now() - renderedAt.current >= intervalMs) tick();
			},
			Math.min(lookEveryMs, intervalMs),
		);
		return () => clearInterval(timer);
	}, [intervalMs, ticking]);
	return bus.elapsed();
}
