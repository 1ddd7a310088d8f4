import {describe, expect, test} from 'vitest';
import {rowNamed, tableRows, useDashboard} from '../helpers/dashboard.js';
import {waitForEvent} from '../helpers/orchestrator.js';
import {procState, waitFor} from '../helpers/processes.js';

describe('the keys that steer the selected process', () => {
	// A short grace period, so that k on a process that ignores SIGTERM ends in SIGKILL quickly.
	const dashboard = useDashboard({graceMs: 500});

	test('K kills the selected process at once: its row shows -9 KILL', async () => {
		// Given one running process
		const napper = await dashboard.start('napper', 'sleep', '30');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'napper')?.state === 'running');

		// When K is pressed
		screen.press('K');

		// Then the footer says SIGKILL was sent and the row ends with -9
		await screen.waitForFrame((frame) =>
			frame.includes(`SIGKILL sent to napper (pid ${napper.pid})`),
		);
		const frame = await screen.waitForFrame((text) => rowNamed(text, 'napper')?.state === 'exited');
		expect(rowNamed(frame, 'napper')?.line).toMatch(/exited .* -9 KILL /);
		expect(napper.exitcode).toBe(-9);
	});

	test('k on a process that ignores SIGTERM says so, then SIGKILL ends it after the grace period', async () => {
		// Given a shell that ignores SIGTERM (its sleep inherits that), known to have set its trap
		const stubborn = await dashboard.start(
			'stubborn',
			'sh',
			'-c',
			'trap "" TERM; echo ready; sleep 30',
		);
		const bus = dashboard.orchestrator().bus;
		await waitForEvent(bus, 'process:output', (event) => event.line === 'ready');
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'stubborn')?.state === 'running');

		// When k is pressed
		screen.press('k');

		// Then the footer says SIGTERM was sent and when SIGKILL follows
		await screen.waitForFrame((frame) =>
			frame.includes(
				`SIGTERM sent to stubborn (pid ${stubborn.pid}); SIGKILL in 0.5 s if it is still running`,
			),
		);

		// And the process survives SIGTERM: after the grace period the group is killed, and the row
		// ends with -9. (Not "no frame shows it exited with the footer": a machine that stalls the
		// dashboard for longer than the grace period draws both in one frame.)
		const ended = await screen.waitForFrame(
			(frame) => rowNamed(frame, 'stubborn')?.state === 'exited',
		);
		expect(rowNamed(ended, 'stubborn')?.line).toMatch(/exited .* -9 KILL /);
		// SIGKILL came no sooner than the grace period after SIGTERM (SIGCONT aside: stop sends it
		// so that a paused process can act on the SIGTERM)
		const signalled = bus
			.history()
			.flatMap((event) => (event.type === 'process:signalled' ? [event] : []))
			.filter((event) => event.signal !== 'SIGCONT');
		expect(signalled.map((event) => event.signal)).toEqual(['SIGTERM', 'SIGKILL']);
		const [termAt = 0, killAt = 0] = signalled.map((event) => event.at);
		expect(killAt - termAt).toBeGreaterThanOrEqual(490);
	});

	test('p pauses the selected process (SIGSTOP) and p again resumes it (SIGCONT)', async () => {
		// Given one running process
		const napper = await dashboard.start('napper', 'sleep', '30');
		const pid = napper.pid as number;
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'napper')?.state === 'running');

		// When p is pressed, the row says paused and the kernel has stopped it
		screen.press('p');
		await screen.waitForFrame(
			(frame) =>
				rowNamed(frame, 'napper')?.state === 'paused' &&
				frame.includes(`SIGSTOP sent to napper (pid ${pid}): paused`),
		);
		await waitFor(() => procState(pid) === 'T', {message: `pid ${pid} stopped (T)`});

		// When p is pressed again, it runs again
		screen.press('p');
		await screen.waitForFrame(
			(frame) =>
				rowNamed(frame, 'napper')?.state === 'running' &&
				frame.includes(`SIGCONT sent to napper (pid ${pid}): resumed`),
		);
		// (a resumed sleep is briefly R, runnable, before it sleeps again: S)
		await waitFor(() => procState(pid) === 'S', {message: `pid ${pid} sleeping again (S)`});
	});

	test('r starts an exited process again: a new row with the same name and a new pid', async () => {
		// Given a process that was killed
		const napper = await dashboard.start('napper', 'sleep', '30');
		napper.kill();
		await napper.join();
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'napper')?.state === 'exited');

		// When r is pressed
		screen.press('r');

		// Then a second row called napper runs, with a pid of its own, and the footer says which
		const frame = await screen.waitForFrame((text) =>
			tableRows(text).some((row) => row.name === 'napper' && row.state === 'running'),
		);
		const rows = tableRows(frame).filter((row) => row.name === 'napper');
		expect(rows.map((row) => row.state)).toEqual(['exited', 'running']);
		const restarted = rows[1]?.pid;
		expect(restarted).not.toBe(napper.pid);
		await screen.waitForFrame((text) => text.includes(`restarted napper as pid ${restarted}`));
		await waitFor(() => procState(restarted as number) === 'S', {
			message: `pid ${restarted} sleeping (S)`,
		});
	});

	test('after r the new process is selected, not the row it replaced', async () => {
		// Given a killed process, selected, above a running one
		const napper = await dashboard.start('napper', 'sleep', '30');
		await dashboard.start('other', 'sleep', '30');
		napper.kill();
		await napper.join();
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'napper')?.state === 'exited');

		// When r is pressed
		screen.press('r');

		// Then the selected row is the new napper, running with a pid of its own
		const selectedRow = (text: string) => tableRows(text).find((row) => row.line.startsWith('› '));
		const frame = await screen.waitForFrame((text) => selectedRow(text)?.state === 'running');
		expect(selectedRow(frame)?.name).toBe('napper');
		expect(selectedRow(frame)?.pid).not.toBe(napper.pid);
	});

	test('k, K and p on an exited process do nothing and say so in the footer', async () => {
		// Given a process that exited by itself
		const quick = await dashboard.start('quick', 'true');
		await quick.join();
		const screen = dashboard.open();
		await screen.waitForFrame((frame) => rowNamed(frame, 'quick')?.state === 'exited');

		// When each destructive key is pressed, the footer says why nothing happened
		for (const [key, verb] of [
			['k', 'terminate'],
			['K', 'kill'],
			['p', 'pause'],
		] as const) {
			screen.press(key);
			await screen.waitForFrame((frame) =>
				frame.includes(`quick has already exited (exit code 0): nothing to ${verb}`),
			);
		}

		// Then no signal was sent and the row is as it was
		const bus = dashboard.orchestrator().bus;
		expect(bus.history().filter((event) => event.type === 'process:signalled')).toEqual([]);
		expect(rowNamed(screen.frame(), 'quick')?.line).toMatch(/exited .* 0 /);
	});
});

describe('a stop on its row', () => {
	// A grace period long enough that the countdown is on screen for seconds, however busy the machine.
	const dashboard = useDashboard({graceMs: 30_000});

	test('k on a process that ignores SIGTERM counts down to SIGKILL on its row, as q does in the header', async () => {
		// Given a shell that ignores SIGTERM, known to have set its trap
		const stubborn = await dashboard.start(
			'stubborn',
			'sh',
			'-c',
			'trap "" TERM; echo ready; sleep 60',
		);
		await waitForEvent(
			dashboard.orchestrator().bus,
			'process:output',
			(event) => event.line === 'ready',
		);
		const screen = dashboard.open({columns: 80, rows: 24});
		await screen.waitForFrame((frame) => rowNamed(frame, 'stubborn')?.state === 'running');

		// When k is pressed
		screen.press('k');

		// Then its row says when SIGKILL follows, in place of a bare "running"
		const counting = await screen.waitForFrame((frame) =>
			/› stubborn .* stopping · SIGKILL in \d+ s/.test(frame),
		);
		const seconds = Number(/SIGKILL in (\d+) s/.exec(counting)?.[1]);
		expect(seconds).toBeGreaterThan(0);
		expect(seconds).toBeLessThanOrEqual(30);

		// And once K ends it, the countdown is gone and the row says how it ended
		screen.press('K');
		const ended = await screen.waitForFrame(
			(frame) => rowNamed(frame, 'stubborn')?.state === 'exited',
		);
		expect(ended).not.toContain('SIGKILL in');
		expect(rowNamed(ended, 'stubborn')?.line).toMatch(/-9 KILL/);
		expect(stubborn.exitcode).toBe(-9);
	});
});
