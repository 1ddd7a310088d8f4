import {keyHelp} from '../ui/keys.js';
import {defaultPreset} from './args.js';

/** A preset as the help lists it. */
export type PresetLine = {readonly name: string; readonly description: string};

/** The usage lines, printed alone after an option procdash does not know. */
export function usageText(): string {
	return `Usage:
  procdash [preset] [--json] [--record FILE] [--grace SECONDS] [--max-processes N] [--no-instrument]
  procdash run [options] -- <command> [args…] [-- <command> [args…]]…
  procdash -c procdash.yaml [options]
  procdash replay FILE [--speed N] [--json]
  procdash list [--json]
  procdash schema
  procdash worker --redis URL --queue NAME [--concurrency N] [--root DIR] [--stalled-ms MS] [--json]
  procdash --help | --version
`;
}

/** The text of `procdash --help`: every command, option, key and preset. */
export function helpText(presets: readonly PresetLine[]): string {
	const width = Math.max(...presets.map((preset) => preset.name.length));
	const keyWidth = Math.max(...keyHelp.map(([key]) => key.length));
	return `procdash — see and steer concurrent processes from a terminal

${usageText()}
Commands:
  procdash [preset]          the dashboard playing a preset (default: ${defaultPreset})
  procdash run -- CMD [ARGS] run any command and watch its whole process tree, live; several:
                             procdash run -- 'cmd1 a b' -- 'cmd2 c'. No shell unless you ask
                             for one: procdash run -- sh -c 'a | b'
  procdash -c FILE           run the processes of a scenario file (YAML; see the README)
  procdash replay FILE       play a recorded run (--record) in the same dashboard, read-only
  procdash worker            take a bullmq pool's jobs from Redis and run them in processes of this
                             machine (modules under --root, default the working directory)
  procdash list              the presets, one a line (tab-separated; --json: one object a line)
  procdash schema            the JSON Schema of scenario files, for editors to check them with

Options:
  --json                     no dashboard: one JSON event a line on stdout, then a summary line
                             {"type":"summary",…}; exit code 0 when the run met its expectations
  --record FILE              also write every event to FILE (NDJSON, mode 0600) for replay
  --log-dir DIR              log every process's output to DIR/NAME.log, each line with its
                             time (mode 0600, rotated past 10 MB, 3 kept)
  --speed N                  replay N times faster (0.5: half speed); default 1
  -c, --config FILE          the scenario file to run
  --grace SECONDS            when stopping, the wait between SIGTERM and SIGKILL; default 5
  --max-processes N          live processes allowed at once; default 256
  --no-instrument            do not hand commands the report channel (PROCDASH_REPORT) over which
                             a program using procdash shows its own pools, values and locks
  -h, --help                 this text
  -v, --version              the version

Keys in the dashboard:
${keyHelp.map(([key, action]) => `  ${key.padEnd(keyWidth)} ${action}`).join('\n')}

Presets:
${presets.map((preset) => `  ${preset.name.padEnd(width)}  ${preset.description}`).join('\n')}

Exit codes: 0 done as expected; 1 a preset's expectation not met, a command failed, or a
process survived the stop; 2 a usage or scenario-file error; 130/143 stopped by SIGINT/SIGTERM.
`;
}
