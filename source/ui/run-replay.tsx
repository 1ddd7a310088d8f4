import {render} from 'ink';
import {SnapshotStore} from '../core/snapshot/index.js';
import type {Replay} from '../recording/player.js';
import {App} from './App.js';
import {readOnlyController} from './controller.js';
import {keepingScrollback} from './terminal/alternate-screen.js';
import {type Ending, onAlternateScreen} from './terminal/screen-session.js';

/** What the footer says in a replay, where no key can act on a process. */
export const replayReadOnly = 'replay: read-only';

/**
 * Opens the dashboard on a recording: the same panels, driven by the replay's bus instead of a
 * live orchestrator. Keys that would act on a process say `replay: read-only`; q leaves at once.
 */
export function runReplayDashboard(replay: Replay): Promise<number> {
	return onAlternateScreen(() => showReplay(replay));
}

async function showReplay(replay: Replay): Promise<Ending> {
	const store = new SnapshotStore(replay.bus);
	const playback = new AbortController();
	const controller = readOnlyController(replayReadOnly, () => playback.abort());
	const instance = render(<App bus={replay.bus} store={store} controller={controller} />, {
		exitOnCtrlC: false,
		stdout: keepingScrollback(),
	});
	void replay.play(playback.signal);
	const onSignal = () => {
		playback.abort();
		instance.unmount();
	};
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	for (const signal of signals) process.on(signal, onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		playback.abort();
		for (const signal of signals) process.off(signal, onSignal);
		store.close();
	}
	return {code: 0, snapshot: store.getSnapshot(), now: replay.bus.elapsed()};
}
