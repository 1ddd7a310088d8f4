import {afterEach, expect, test} from 'vitest';
import {SnapshotStore} from '../../source/core/snapshot/index.js';
import {createOrchestrator, type Orchestrator} from '../../source/index.js';
import {scenarios} from '../../source/scenarios/index.js';
import {runScenario} from '../../source/scenarios/run.js';
import {tour} from '../../source/scenarios/tour.js';
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

test('at 80×24, over the busy tour, the menu of every preset fits under the header, and ↓ scrolls to the last', async () => {
	// Given a dashboard that offers as many presets as procdash has, at its smallest size, with the
	// tour filling its table and panels
	orchestrator = createOrchestrator();
	const many = scenarios.map(({name, description}) => ({name, description}));
	const store = new SnapshotStore(orchestrator.bus);
	const controller = orchestratorController(orchestrator, {choices: many, play: () => {}});
	terminal = renderTerminal(<App bus={orchestrator.bus} store={store} controller={controller} />, {
		columns: 80,
		rows: 24,
	});
	const playing = new AbortController();
	const played = runScenario(orchestrator, tour, playing.signal);
	try {
		await terminal.waitForFrame((frame) => /waiters: /.test(frame) && /queued \d+/.test(frame));

		// When the menu opens, the header is still the first line, and several presets show
		terminal.press('s');
		const menu = await terminal.waitForFrame((frame) => frame.includes('Presets —'));
		expect(menu.split('\n')[0]).toMatch(/^procdash · tour/);
		const listed = many.filter(({name}) => new RegExp(`│ [› ] ${name} `).test(menu));
		expect(listed.length, menu).toBeGreaterThanOrEqual(5);

		// When ↓ reaches the last preset, it shows, highlighted
		for (const _ of many) terminal.press('down');
		const last = many.at(-1)?.name ?? '';
		await terminal.waitForFrame((frame) => frame.includes(`› ${last} `));

		// And no frame was taller than the terminal
		for (const frame of terminal.frames.filter((text) => text.trim() !== ''))
			expect(frame.split('\n').length, frame).toBeLessThanOrEqual(24);
	} finally {
		playing.abort();
		await played;
	}
});
