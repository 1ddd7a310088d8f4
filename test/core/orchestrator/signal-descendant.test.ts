import {describe, expect, test} from 'vitest';
import {ProcessStateError} from '../../../source/core/errors.js';
import {
	findDescendant,
	signalDescendant,
	stopDescendant,
} from '../../../source/core/orchestrator/steering.js';
import {Process} from '../../../source/index.js';
import {useOrchestrator, waitForEvent} from '../../helpers/orchestrator.js';
import {isRunning, procState, treeCommands, waitFor} from '../../helpers/processes.js';

describe('signalling a descendant procdash did not start', () => {
	const orchestrator = useOrchestrator({graceMs: 300});

	/** A shell started through procdash, whose child shell runs `script`; resolves with the shell and the sleep its child started. */
	async function shellWithChild(script: string): Promise<{shell: Process; child: number}> {
		const shell = new Process({
			command: 'sh',
			// `; true`: the inner shell forks its sleep rather than becoming it, so the sleep is a
			// grandchild. The outer one then waits on, whatever becomes of them.
			args: ['-c', `sh -c '${script}; true' & exec tail -f /dev/null`],
			name: 'shell',
			orchestrator: orchestrator(),
		});
		await shell.start();
		let child: number | undefined;
		await waitFor(async () => {
			child = (await treeCommands(shell.pid as number, 'sleep'))[0];
			return child !== undefined;
		});
		return {shell, child: child as number};
	}

	test('it reaches a grandchild, by pid, alone: its group, the shell, lives on; the bus says so', async () => {
		const {shell, child} = await shellWithChild('sleep 30');

		const found = signalDescendant(orchestrator(), child, 'SIGSTOP');
		expect(found).toMatchObject({pid: child, command: 'sleep', root: shell});
		await waitFor(() => procState(child) === 'T');
		signalDescendant(orchestrator(), child, 'SIGKILL');
		await waitFor(() => !isRunning(child));
		expect(shell.isAlive()).toBe(true);

		const told = await waitForEvent(
			orchestrator().bus,
			'descendant:signalled',
			(event) => event.signal === 'SIGKILL',
		);
		expect(told).toMatchObject({pid: child, command: 'sleep', rootId: shell.id, rootName: 'shell'});
	});

	test('it refuses a pid that is not, now, a living descendant of a live process', async () => {
		const {shell, child} = await shellWithChild('sleep 30');
		const refused = (pid: number) => () => signalDescendant(orchestrator(), pid, 'SIGTERM');

		// Not in procdash's tree: this test, init
		expect(refused(process.pid)).toThrow(ProcessStateError);
		expect(refused(1)).toThrow(/pid 1 is not a living descendant of a process procdash runs/);
		// A process procdash started is steered by its own row, not as a descendant
		expect(refused(shell.pid as number)).toThrow(ProcessStateError);
		// Not a pid at all
		expect(() => signalDescendant(orchestrator(), -1, 'SIGTERM')).toThrow(RangeError);

		// Once it has exited (its root's group killed), its pid is refused: it may be another's by now
		expect(findDescendant(orchestrator(), child)?.root).toBe(shell);
		shell.kill();
		await shell.join();
		await waitFor(() => !isRunning(child));
		expect(refused(child)).toThrow(ProcessStateError);
	});

	test('a stop of one that ignores SIGTERM ends in SIGKILL after the grace period', async () => {
		// The sleep inherits its shell's ignored SIGTERM.
		const {child} = await shellWithChild('trap "" TERM; sleep 30');

		const bus = orchestrator().bus;
		expect(stopDescendant(orchestrator(), child).pid).toBe(child);
		const term = await waitForEvent(bus, 'descendant:signalled', (event) => event.pid === child);
		expect(term).toMatchObject({signal: 'SIGTERM', graceMs: 300});
		await waitForEvent(
			bus,
			'descendant:signalled',
			(event) => event.pid === child && event.signal === 'SIGKILL',
		);
		await waitFor(() => !isRunning(child));
	});
});
