// `npm run bench [-- --check]`: builds, runs every benchmark (dist/bench/run.js, which takes the
// arguments), renders docs/performance.md from the results, and exits as the benchmarks did, so
// that `--check` fails the command when a goal that must be met is missed.
import {spawnSync} from 'node:child_process';

function run(command, args) {
	const result = spawnSync(command, args, {stdio: 'inherit'});
	if (result.error) throw result.error;
	return result.status ?? 1;
}

if (run('npm', ['run', 'build']) !== 0) process.exit(1);
const benchmarks = run(process.execPath, ['dist/bench/run.js', ...process.argv.slice(2)]);
if (run('npm', ['run', 'performance-doc']) !== 0) process.exit(1);
process.exit(benchmarks);
