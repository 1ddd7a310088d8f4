// piscina's worker for the thread pool anchor: the same trivial task, given one number (one task
// per message) or an array of them (many tasks per message).
export default function square(input: number | readonly number[]): number | number[] {
	return typeof input === 'number' ? input * input : input.map((x) => x * x);
}
