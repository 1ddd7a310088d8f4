import type {Snapshot} from '../core/snapshot/index.js';

/** How the stop went, in one line: nothing left behind, or what survived, and what had escaped. */
export function stopLine(stopped: NonNullable<Snapshot['stopped']>): string {
	const {survivors, escaped = []} = stopped;
	const left =
		survivors.length === 0
			? 'stopped: no process left behind'
			: `stopped, but these survived SIGKILL: ${survivors.map((pid) => `pid ${pid}`).join(', ')}`;
	if (escaped.length === 0) return left;
	const which = escaped.map(({command, pid}) => `${command} (pid ${pid})`).join(', ');
	const one = escaped.length === 1;
	return `${left}; ${one ? 'one process' : `${escaped.length} processes`} had left ${one ? 'its' : 'their'} process group and ${one ? 'was' : 'were'} stopped too: ${which}`;
}

/**
 * Why the run counts as failed, for the final report: the scenario's own verdict when it did not
 * pass, or that it never got to its end. Undefined when it passed, or when no scenario ran.
 */
export function verdictLine(snapshot: Snapshot): string | undefined {
	const {scenario} = snapshot;
	if (!scenario || scenario.state === 'passed') return undefined;
	if (scenario.state === 'running') return `✗ ${scenario.name} did not get to its end`;
	const why = scenario.notes.length > 0 ? `: ${scenario.notes.join('; ')}` : '';
	return `✗ ${scenario.name} did not pass${why}`;
}
