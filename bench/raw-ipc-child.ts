// The raw IPC anchor's child: `times` round trips to its parent, each a small request answered by
// the parent with a small reply, then the interval it took (on the monotonic clock) — the same
// traffic as an acknowledged `value.add(1)`, without procdash.
const [times] = process.argv.slice(2).map(Number);
let waiting: (() => void) | undefined;
process.on('message', () => waiting?.());
const start = Number(process.hrtime.bigint()) / 1e6;
for (let requestId = 1; requestId <= (times ?? 0); requestId++) {
	await new Promise<void>((resolve) => {
		waiting = resolve;
		process.send?.({type: 'shared', requestId, id: 1, op: 'add', value: 1});
	});
}
process.send?.({type: 'span', span: [start, Number(process.hrtime.bigint()) / 1e6]});
process.disconnect();
