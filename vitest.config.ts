import {defineConfig} from 'vitest/config';

// Tests run from dist/: `npm test` compiles everything with tsc first, so the task modules that
// child processes import are plain JavaScript, exactly as they ship.
export default defineConfig({
	test: {
		include: ['dist/test/**/*.test.js'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Real processes on a 2-core machine: files run one at a time so timings stay meaningful.
		fileParallelism: false,
	},
});
