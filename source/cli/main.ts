import {readFileSync} from 'node:fs';
import type {Snapshot} from '../core/snapshot/index.js';
import type {Scenario} from '../scenarios/scenario.js';
import {type Command, UsageError} from './args.js';
import {helpText} from './help.js';

/**
 * Carries out a parsed command line; resolves with the exit code. Anything a person got wrong
 * (an unknown preset, a bad scenario file, a recording that cannot be read) rejects with an
 * InputError, which the command prints on its own and exits with.
 */
export async function execute(command: Command): Promise<number> {
	switch (command.kind) {
		case 'help': {
			const {scenarios} = await import('../scenarios/index.js');
			process.stdout.write(helpText(scenarios));
			return 0;
		}
		case 'version':
			process.stdout.write(`${readVersion()}\n`);
			return 0;
		case 'list':
			return list(command.json);
		case 'schema': {
			const {scenarioSchema} = await import('../config/schema.js');
			process.stdout.write(`${JSON.stringify(scenarioSchema(), null, '\t')}\n`);
			return 0;
		}
		case 'preset': {
			const scenario = await presetScenario(command.preset);
			const [{playLive}, {scenarios}] = await Promise.all([
				import('./modes.js'),
				import('../scenarios/index.js'),
			]);
			return playLive(scenario, command.options, {presets: scenarios});
		}
		case 'run': {
			const [{commandsScenario}, {playLive}] = await Promise.all([
				import('../scenarios/commands.js'),
				import('./modes.js'),
			]);
			return playLive(commandsScenario(command.commands), command.options, {
				failed: anyProcessFailed,
			});
		}
		case 'config': {
			const {scenario, failed} = await configScenario(command.file);
			const {playLive} = await import('./modes.js');
			return playLive(scenario, command.options, {failed});
		}
		case 'worker': {
			const {runWorker} = await import('./worker.js');
			return runWorker(command);
		}
		case 'replay': {
			const {playReplay} = await import('./modes.js');
			return playReplay(command.file, command.speed, command.json);
		}
	}
}

function readVersion(): string {
	// dist/source/cli/main.js → the package's own package.json.
	const manifest = JSON.parse(
		readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
	) as {version: string};
	return manifest.version;
}

async function list(json: boolean): Promise<number> {
	const {scenarios} = await import('../scenarios/index.js');
	for (const {name, description} of scenarios) {
		process.stdout.write(
			json ? `${JSON.stringify({name, description})}\n` : `${name}\t${description}\n`,
		);
	}
	return 0;
}

async function presetScenario(name: string): Promise<Scenario> {
	const {findScenario, scenarios} = await import('../scenarios/index.js');
	const scenario = findScenario(name);
	if (scenario) return scenario;
	throw new UsageError(
		`unknown preset '${name}'; the presets are: ${scenarios.map((known) => known.name).join(', ')}`,
	);
}

async function configScenario(
	file: string,
): Promise<{scenario: Scenario; failed: (snapshot: Snapshot) => boolean}> {
	// yaml is loaded only for a scenario file.
	const [{loadConfig}, {configScenario: toScenario, configRunFailed}] = await Promise.all([
		import('../config/load.js'),
		import('../config/scenario.js'),
	]);
	const config = loadConfig(file);
	for (const warning of config.warnings) process.stderr.write(`${warning}\n`);
	return {scenario: toScenario(config), failed: configRunFailed(config)};
}

// `run` and scenario files fail when a process failed by itself (exit code above 0, 127 when the
// command was not found); one ended by procdash's own stop (a negative code) did not fail. What a
// program reported of its own children is the program's business: its own exit code says it.
function anyProcessFailed(snapshot: Snapshot): boolean {
	return snapshot.processes.some((row) => row.state === 'failed' && row.program === undefined);
}
