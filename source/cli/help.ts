import type {Scenario} from '../scenarios/scenario.js';
import {keyHelp} from '../ui/keys.js';

/** The text of `procdash --help`. */
export function helpText(scenarios: readonly Scenario[]): string {
	const width = Math.max(...scenarios.map((scenario) => scenario.name.length));
	return `procdash — see and steer concurrent processes from a terminal

Usage:
  procdash [preset]      open the dashboard playing a preset (default: parallel)
  procdash list          list the presets
  procdash --help        this text
  procdash --version     the version

Keys in the dashboard:
${keyHelp.map(([key, action]) => `  ${key.padEnd(6)} ${action}`).join('\n')}

Presets:
${scenarios.map((scenario) => `  ${scenario.name.padEnd(width)}  ${scenario.description}`).join('\n')}
`;
}
