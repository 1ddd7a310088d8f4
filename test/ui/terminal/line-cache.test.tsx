import {Box, Text} from 'ink';
import {describe, expect, test} from 'vitest';
import {FrameCaches, shareLineCaches} from '../../../source/ui/terminal/line-cache.js';
import {renderTerminal} from '../../helpers/render.js';

function Screen({uptime}: {readonly uptime: string}) {
	return (
		<Box flexDirection="column">
			<Text color="green">a line that stays the same</Text>
			<Box>
				<Text inverse>{'› s1 '}</Text>
				<Text inverse>{uptime}</Text>
			</Box>
		</Box>
	);
}

// Stands in for the caches Ink makes for each frame, counting what it is asked to work out.
function ownCaches() {
	const asked: string[] = [];
	return {
		asked,
		getStyledChars: (line: string) => {
			asked.push(line);
			return [...line].map((value) => ({type: 'char', value, fullWidth: false, styles: []}));
		},
		getStringWidth: (text: string) => {
			asked.push(text);
			return text.length;
		},
		getWidestLine: (text: string) => {
			asked.push(text);
			return Math.max(...text.split('\n').map((line) => line.length));
		},
	};
}

describe("Ink's line caches, shared between frames", () => {
	test('a line drawn again in the next frame is not worked out again', () => {
		const caches = new FrameCaches();
		const first = ownCaches();
		const chars = caches.draw(first, () => caches.getStyledChars('s1  running  0:33'));
		expect(first.asked).toEqual(['s1  running  0:33']);

		const second = ownCaches();
		const again = caches.draw(second, () => [
			caches.getStyledChars('s1  running  0:33'),
			caches.getStyledChars('0:34'),
		]);
		expect(again[0]).toBe(chars);
		expect(second.asked).toEqual(['0:34']);
	});

	test('keeps two frames: a line absent for two frames is worked out anew, and the caches stay small', () => {
		const caches = new FrameCaches();
		caches.draw(ownCaches(), () => caches.getStringWidth('uptime 0:00'));
		for (let second = 1; second <= 1000; second++) {
			caches.draw(ownCaches(), () => {
				caches.getStringWidth(`uptime 0:${second}`);
				caches.getStyledChars('the header');
				caches.getWidestLine('a\nbb');
			});
		}
		// Two frames' worth: two uptimes, and the header and the block from both frames
		expect(caches.size).toBeLessThanOrEqual(6);
		const late = ownCaches();
		caches.draw(late, () => caches.getStringWidth('uptime 0:00'));
		expect(late.asked).toEqual(['uptime 0:00']);
	});

	test('is used outside a frame only by mistake, and says so', () => {
		expect(() => new FrameCaches().getStyledChars('x')).toThrow(/outside a frame/);
	});

	test("is in Ink's own Output, which draws the same screen with it", async () => {
		const caches = await shareLineCaches();
		expect(caches).toBeInstanceOf(FrameCaches);
		const terminal = renderTerminal(<Screen uptime="0:33" />, {columns: 40, rows: 5});
		await terminal.waitForFrame((frame) => frame.includes('0:33'));
		expect(caches?.size).toBeGreaterThan(0);
		terminal.unmount();
		const fresh = renderTerminal(<Screen uptime="0:34" />, {columns: 40, rows: 5});
		const frame = await fresh.waitForFrame((text) => text.includes('0:34'));
		expect(frame.split('\n').slice(0, 2)).toEqual(['a line that stays the same', '› s1 0:34']);
		fresh.unmount();
	});
});
