/** A copy of `rows` with the row of `id` made anew from the one there (if any), or added last. */
export function upsert<Row extends {readonly id: number}>(
	rows: readonly Row[],
	id: number,
	make: (row: Row | undefined) => Row,
): readonly Row[] {
	const index = rows.findIndex((row) => row.id === id);
	if (index === -1) return [...rows, make(undefined)];
	const next = [...rows];
	next[index] = make(rows[index]);
	return next;
}
