import {expect, test} from 'vitest';
import {
	CommandLineError,
	joinWords,
	splitWords,
} from '../../../source/core/process/command-line.js';

test.each([
	['python3 app.py', ['python3', 'app.py']],
	['  spaced   out  ', ['spaced', 'out']],
	[`sh -c 'echo "hi there"; exit 3'`, ['sh', '-c', 'echo "hi there"; exit 3']],
	[`echo "a \\"quoted\\" word" b\\ c`, ['echo', 'a "quoted" word', 'b c']],
	[`say ''`, ['say', '']],
	['a~b x=~', ['a~b', 'x=~']],
])('splitWords(%j) gives %j', (line, words) => {
	expect(splitWords(line)).toEqual(words);
});

test.each([
	['ls | wc', "'ls | wc' uses shell syntax ('|')"],
	['sleep 1 &', "'sleep 1 &' uses shell syntax ('&')"],
	['echo $HOME', "'echo $HOME' uses shell syntax ('$')"],
	['echo "$HOME"', `'echo "$HOME"' uses shell syntax ('$')`],
	['ls *.txt', "'ls *.txt' uses shell syntax ('*')"],
	['cd ~', "'cd ~' uses shell syntax ('~')"],
	[`echo 'open`, "unterminated ' quote in 'echo 'open'"],
	['echo "open', `unterminated " quote in 'echo "open'`],
])('splitWords(%j) refuses: %s', (line, start) => {
	expect(() => splitWords(line)).toThrow(CommandLineError);
	expect(() => splitWords(line)).toThrow(start);
});

test('joinWords quotes what a shell would split, and splitWords reads it back', () => {
	const words = ['sh', '-c', "echo 'a b'; exit 3", '', 'plain/path.txt'];
	const line = joinWords(words);
	expect(line).toBe(`sh -c 'echo '\\''a b'\\''; exit 3' '' plain/path.txt`);
	expect(splitWords(line)).toEqual(words);
});
