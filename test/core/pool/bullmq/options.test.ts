import {expect, test} from 'vitest';
import {Pool} from '../../../../source/index.js';

test("a bullmq pool's options are checked up front, naming the option", () => {
	const base = {backend: 'bullmq', connection: 'redis://127.0.0.1:1', queue: 'q'} as const;
	expect(() => new Pool({...base, connection: 'http://h'})).toThrow(
		"Pool(): connection must be a redis:// or rediss:// URL, got 'http://h'",
	);
	expect(() => new Pool({...base, connection: 'redis://:pw@h:1 x'} as never)).not.toThrow('pw');
	expect(() => new Pool({...base, queue: 'a b'})).toThrow('Pool(): queue must be a queue name');
	expect(() => new Pool({...base, maxTasksPerChild: 2})).toThrow(
		"Pool(): maxTasksPerChild does not apply to backend 'bullmq'",
	);
	expect(() => new Pool({queue: 'q'})).toThrow("Pool(): queue applies only to backend 'bullmq'");
	// processes bounds the jobs on Redis at once: 64 unless given
	expect(new Pool(base).processes).toBe(64);
	expect(new Pool({...base, processes: 8}).processes).toBe(8);
});
