import {Process} from '../core/process/process.js';
import {task} from '../core/process/task.js';
import type {Scenario} from './scenario.js';
import {outputLine} from './wait.js';

type Ending = {
	readonly name: string;
	readonly exportName: string;
	readonly args: readonly unknown[];
	/** What the parent does once the child says it is ready. */
	readonly signal?: 'terminate' | 'kill';
	readonly expected: number;
};

const endings: readonly Ending[] = [
	{name: 'returns', exportName: 'returnNormally', args: [], expected: 0},
	{name: 'throws', exportName: 'raiseError', args: [], expected: 1},
	{name: 'exits-3', exportName: 'exitWith', args: [3], expected: 3},
	{name: 'terminated', exportName: 'waitForSignal', args: [], signal: 'terminate', expected: -15},
	{name: 'killed', exportName: 'waitForSignal', args: [], signal: 'kill', expected: -9},
];

const tasks = new URL('./tasks/exit-codes.js', import.meta.url);

/** Five ways for a process to end, and the exit code each gives, as CPython reports them. */
export const exitCodes: Scenario = {
	name: 'exit-codes',
	description:
		'five endings, five exit codes: return 0, throw 1, exit(3) 3, terminate −15, kill −9',
	about:
		'Five children end five ways: return → 0, an uncaught error → 1 (its stack is in the events), exit(3) → 3, terminate() → −15, kill() → −9. A negative exit code is the signal that ended it.',
	async run(orchestrator, signal) {
		const children = endings.map(
			(ending) =>
				new Process({
					target: task(tasks, ending.exportName),
					args: ending.args,
					name: ending.name,
					orchestrator,
				}),
		);
		await Promise.all(
			children.map(async (child, index) => {
				const {signal: ending} = endings[index] as Ending;
				const ready = ending ? outputLine(orchestrator, child, 'ready', signal) : undefined;
				await child.start();
				if (ending && (await ready)) child[ending]();
			}),
		);
		await Promise.all(children.map((child) => child.join()));
		const mismatches = children.filter(
			(child, index) => child.exitcode !== endings[index]?.expected,
		);
		return {
			ok: mismatches.length === 0,
			notes: [
				children.map((child) => `${child.name}: ${child.exitcode}`).join(', '),
				...mismatches.map(
					(child) =>
						`${child.name} ended with ${child.exitcode}, expected ${endings[children.indexOf(child)]?.expected}`,
				),
			],
		};
	},
};
