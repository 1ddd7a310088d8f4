import type {Orchestrator} from '../core/orchestrator.js';

/** A preset as the menu lists it. */
export type PresetChoice = {readonly name: string; readonly description: string};

/**
 * What the dashboard's keys may do to the processes it shows. A live run steers its orchestrator;
 * a replay can steer nothing, and says so.
 */
export type DashboardController = {
	/** Why keys that act on processes do nothing (shown in the footer); undefined when they work. */
	readonly readOnly: string | undefined;
	/** SIGTERM to the process with this id; false when it is not running. */
	readonly terminate: (id: number) => boolean;
	/** SIGKILL to every process at once: the second q. */
	readonly killAll: () => void;
	/** Stops everything; a live dashboard leaves once the snapshot says it has stopped. */
	readonly stop: () => void;
	/** What `s` offers: the presets and how to play one; absent where no preset can be played. */
	readonly presets?: {
		readonly choices: readonly PresetChoice[];
		readonly play: (name: string) => void;
	};
};

/** The controller of a live run: every key acts on `orchestrator`; `s` offers `presets`. */
export function orchestratorController(
	orchestrator: Orchestrator,
	presets?: DashboardController['presets'],
): DashboardController {
	return {
		presets,
		readOnly: undefined,
		terminate: (id) => orchestrator.find(id)?.terminate() ?? false,
		killAll: () => orchestrator.signalAll('SIGKILL'),
		stop: () => {
			void orchestrator.stop();
		},
	};
}

/** The controller of a replay: nothing can be steered; `stop` only ends the playback. */
export function readOnlyController(reason: string, stop: () => void): DashboardController {
	return {readOnly: reason, terminate: () => false, killAll: () => {}, stop};
}
