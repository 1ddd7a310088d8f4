import {afterEach, expect, test} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {createOrchestrator, type Orchestrator} from '../../source/index.js';
import {App} from '../../source/ui/App.js';
import {type DashboardController, orchestratorController} from '../../source/ui/controller.js';
import {renderTerminal, type Terminal} from '../helpers/render.js';

let orchestrator: Orchestrator;
let terminal: Terminal | undefined;

afterEach(async () => {
	terminal?.unmount();
	await orchestrator.stop({graceMs: 500});
});

const choices = [
	{name: 'parallel', description: 'four processes sleep 1 s each'},
	{name: 'fork', description: 'the clone gets 0'},
	{name: 'exit-codes', description: 'five endings'},
];

function open(controller: DashboardController): Terminal {
	const store = new SnapshotStore(orchestrator.bus);
	terminal = renderTerminal(<App bus={orchestrator.bus} store={store} controller={controller} />);
	return terminal;
}

test('s opens the preset menu; ↓ and enter play the chosen preset; the menu closes', async () => {
	// Given a dashboard that can play presets
	orchestrator = createOrchestrator();
	const played: string[] = [];
	const screen = open(
		orchestratorController(orchestrator, {choices, play: (name) => played.push(name)}),
	);
	await screen.waitForFrame((frame) => frame.includes('s presets'));

	// When s is pressed, the menu lists every preset with its description
	screen.press('s');
	const menu = await screen.waitForFrame((frame) => frame.includes('Presets — ↑/↓ choose'));
	expect(menu).toMatch(/› parallel\s+four processes sleep 1 s each/);
	expect(menu).toMatch(/fork\s+the clone gets 0/);

	// When ↓ then enter are pressed, the second preset is played and the event pane is back
	screen.press('down');
	await screen.waitForFrame((frame) => /› fork/.test(frame));
	screen.press('enter');
	await screen.waitForFrame((frame) => frame.includes('Events') && !frame.includes('Presets —'));
	expect(played).toEqual(['fork']);
});

test('in the menu Home and End go to the first and the last preset', async () => {
	orchestrator = createOrchestrator();
	const played: string[] = [];
	const screen = open(
		orchestratorController(orchestrator, {choices, play: (name) => played.push(name)}),
	);
	await screen.waitForFrame((frame) => frame.includes('s presets'));
	screen.press('s');
	await screen.waitForFrame((frame) => /› parallel/.test(frame));
	screen.press('end');
	await screen.waitForFrame((frame) => /› exit-codes/.test(frame));
	screen.press('home');
	await screen.waitForFrame((frame) => /› parallel/.test(frame));
	screen.press('end');
	await screen.waitForFrame((frame) => /› exit-codes/.test(frame));
	screen.press('enter');
	await screen.waitForFrame((frame) => !frame.includes('Presets —'));
	expect(played).toEqual(['exit-codes']);
});

test('escape closes the menu without playing anything, and keys work again', async () => {
	orchestrator = createOrchestrator();
	const played: string[] = [];
	const screen = open(
		orchestratorController(orchestrator, {choices, play: (name) => played.push(name)}),
	);
	await screen.waitForFrame((frame) => frame.includes('s presets'));
	screen.press('s');
	await screen.waitForFrame((frame) => frame.includes('Presets —'));
	screen.press('escape');
	await screen.waitForFrame((frame) => !frame.includes('Presets —'));
	screen.press('k');
	await screen.waitForFrame((frame) => frame.includes('no process selected'));
	expect(played).toEqual([]);
});

test('where no preset can be played (run, -c), s says so', async () => {
	orchestrator = createOrchestrator();
	const screen = open(orchestratorController(orchestrator));
	await screen.waitForFrame((frame) => frame.includes('s presets'));
	screen.press('s');
	await screen.waitForFrame((frame) =>
		frame.includes('presets: only when procdash plays one (procdash <preset>)'),
	);
});
