// Ink's sanitizeAnsi (ink 6.8, build/sanitize-ansi.js) keeps the SGR sequences of a text (colours,
// bold …) and its OSC ones, and strips every other control sequence. Ink runs it on every text of
// every frame: to learn that a text holds no control character it walks it character by
// character, and it takes apart every text with a colour in it. Nearly all of them hold nothing or
// only SGR sequences, which it keeps as they are: one regular expression (native code) finds
// those, and Ink's own function does the rest. The bundled Ink sanitizes with this
// (tools/bundle-dashboard.mjs).

// Only characters that are not ESC or C1 controls (U+0080–U+009F), and SGR sequences as Ink keeps
// them (`ESC [`, parameters of digits, `;` and `:`, then `m`). One character or sequence per turn
// of the loop: a text that does not match fails in linear time.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const plainOrSgr = /^(?:[^\u001B\u0080-\u009F]|\u001B\[[\d:;]*m)*$/;

/** Ink's `sanitize`, which returns at once the texts it would return unchanged. */
export function sanitizeAnsiFast(sanitize: (text: string) => string): (text: string) => string {
	return (text) => (plainOrSgr.test(text) ? text : sanitize(text));
}
