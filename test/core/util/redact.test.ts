import {expect, test} from 'vitest';
import {redact} from '../../../source/core/util/redact.js';

test('redact hides the password of every URL in a text, and nothing else', () => {
	expect(redact('redis://:secret@host:6379/0')).toBe('redis://:***@host:6379/0');
	expect(redact('at rediss://user:p%40ss@h:6380 and redis://h2')).toBe(
		'at rediss://user:***@h:6380 and redis://h2',
	);
	expect(redact('redis://user@host')).toBe('redis://user@host');
	expect(redact('mail me: a@b.c')).toBe('mail me: a@b.c');
});
