import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {pythonInstrumentEnv} from '../../source/core/report/python-path.js';
import {expectNoDescendants} from '../helpers/leftovers.js';
import {
	plainEnv,
	pythonFixture,
	type ReportServer,
	reportingEnv,
	runPython,
	startReportServer,
} from '../helpers/python-report.js';

const counter = pythonFixture('counter.py');
let server: ReportServer | undefined;
let folder: string | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
	if (folder) rmSync(folder, {recursive: true, force: true});
	folder = undefined;
	await expectNoDescendants();
});

const importsReporter = [
	'-c',
	"import multiprocessing, sys; multiprocessing.Lock(); print('procdash_report' in sys.modules)",
];

test('without PROCDASH_REPORT the reporter is not even imported; with it, the program connects', async () => {
	// Given the reporter on the path but no channel
	const alone = await runPython(importsReporter, pythonInstrumentEnv(plainEnv()));
	expect(alone).toMatchObject({exitcode: 0, stdout: 'False\n', stderr: ''});

	// When a channel is named, the same program imports it and reports its Lock there
	server = await startReportServer();
	const reporting = await runPython(importsReporter, reportingEnv(server.path));
	await server.allEnded(1);
	expect(reporting).toMatchObject({exitcode: 0, stdout: 'True\n', stderr: ''});
	expect(server.connections.map(({hello}) => hello?.pid)).toEqual([reporting.pid]);
	expect(server.events).toMatchObject([{type: 'lock:created', name: 'Lock-1'}]);
});

test('a channel whose socket does not exist changes neither the output nor the exit code', async () => {
	folder = mkdtempSync(join(tmpdir(), 'procdash-report-'));
	const plain = await runPython([counter, 'fork']);
	const run = await runPython([counter, 'fork'], reportingEnv(join(folder, 'gone.sock')));
	expect(plain.exitcode).toBe(0);
	expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});
});

test('a receiver that hangs up mid-run changes neither the output nor the exit code', async () => {
	// Given a receiver that ends every connection once its hello has come
	server = await startReportServer({hangUpAfterHello: true});
	const plain = await runPython([counter, 'fork']);
	const run = await runPython([counter, 'fork'], reportingEnv(server.path));
	await server.allEnded(1);

	// Then the program had begun to report, and ran to its end as it does alone
	expect(server.connections.map(({hello}) => hello?.pid)).toContain(run.pid);
	expect(run).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});
});

test('a receiver that never reads neither blocks the program nor changes its output: events are dropped', async () => {
	// Given a receiver that accepts and then reads nothing, and a program that takes a Lock 50,000
	// times (a hundred thousand lines, far more than a socket buffer and the reporter's 1 MiB)
	const tight = pythonFixture('tight.py');
	server = await startReportServer({neverRead: true});
	const run = await runPython([tight], reportingEnv(server.path));

	// Then it connected, ran to its end and printed what it prints alone
	expect(server.connections).toHaveLength(1);
	expect(run).toMatchObject({exitcode: 0, stdout: 'done\n', stderr: ''});
});

test("the program's own sitecustomize still runs, once, with or without a channel", async () => {
	// Given a sitecustomize of the program's on its PYTHONPATH
	folder = mkdtempSync(join(tmpdir(), 'procdash-site-'));
	writeFileSync(join(folder, 'sitecustomize.py'), "print('own sitecustomize ran')\n");
	const env = {...plainEnv(), PYTHONPATH: folder};
	const hello = ['-c', "print('main')"];
	const plain = await runPython(hello, env);
	expect(plain).toMatchObject({exitcode: 0, stdout: 'own sitecustomize ran\nmain\n'});

	// When procdash's folder comes first on the path, without and with a channel
	const instrumented = pythonInstrumentEnv(env);
	expect(instrumented.PYTHONPATH?.endsWith(folder)).toBe(true);
	const silent = await runPython(hello, instrumented);
	server = await startReportServer();
	const reporting = await runPython(hello, reportingEnv(server.path, env));

	// Then it still runs, once, before the program
	expect(silent).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});
	expect(reporting).toMatchObject({exitcode: 0, stdout: plain.stdout, stderr: ''});
});
