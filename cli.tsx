#!/usr/bin/env node
// The procdash command: parse argv, pick a mode, and import Ink only when a dashboard opens
// (importing it costs ~440 ms, which --version and --help must not pay).
import {readFileSync} from 'node:fs';
import {parseArgs, UsageError} from './source/cli/args.js';
import {helpText} from './source/cli/help.js';
import {createOrchestrator} from './source/core/orchestrator.js';
import {findScenario, scenarios} from './source/scenarios/index.js';

function fail(message: string, exitcode: number): never {
	process.stderr.write(`procdash: ${message}\n`);
	process.exit(exitcode);
}

async function main(): Promise<number> {
	let command: ReturnType<typeof parseArgs>;
	try {
		command = parseArgs(process.argv.slice(2));
	} catch (error) {
		if (error instanceof UsageError) fail(error.message, 2);
		throw error;
	}
	switch (command.kind) {
		case 'help':
			process.stdout.write(helpText(scenarios));
			return 0;
		case 'version': {
			const manifest = JSON.parse(
				readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
			);
			process.stdout.write(`${manifest.version}\n`);
			return 0;
		}
		case 'list':
			for (const scenario of scenarios)
				process.stdout.write(`${scenario.name}\t${scenario.description}\n`);
			return 0;
		case 'dashboard': {
			const scenario = findScenario(command.preset);
			if (!scenario) {
				fail(
					`unknown preset '${command.preset}'; the presets are: ${scenarios.map((known) => known.name).join(', ')}`,
					2,
				);
			}
			if (!process.stdin.isTTY || !process.stdout.isTTY) {
				fail(
					'the dashboard needs an interactive terminal (stdin and stdout must be a TTY); use --json for headless output',
					2,
				);
			}
			// Ink decides at import time, from CI=…, to draw only a last frame. A person at a real
			// terminal wants the live dashboard whatever their environment says, so hide CI from
			// Ink's check alone; the children still get the environment as it was.
			const ci = {CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION};
			delete process.env.CI;
			delete process.env.CONTINUOUS_INTEGRATION;
			const {runDashboard} = await import('./source/ui/run-dashboard.js');
			for (const [name, value] of Object.entries(ci))
				if (value !== undefined) process.env[name] = value;
			return runDashboard({orchestrator: createOrchestrator(), scenario});
		}
	}
}

main().then(
	(exitcode) => process.exit(exitcode),
	(error: unknown) => {
		process.stderr.write(
			`procdash: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(70);
	},
);
