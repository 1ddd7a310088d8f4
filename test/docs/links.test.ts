import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {anchorsOf, brokenLinks, linksIn, slugOf} from '../helpers/markdown-links.js';

// This file runs as dist/test/docs/links.test.js: the repository is three folders up.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function markdownFiles(): string[] {
	const docs = join(root, 'docs');
	return [
		join(root, 'README.md'),
		...readdirSync(docs)
			.filter((name) => name.endsWith('.md'))
			.map((name) => join(docs, name)),
	];
}

test('the README and the docs pages are where the test looks for them', () => {
	const names = markdownFiles().map((file) => file.slice(root.length));
	expect(names).toContain('README.md');
	expect(names).toContain(join('docs', 'architecture.md'));
});

test('every relative link in README.md and docs/*.md resolves, anchors included', () => {
	const broken = markdownFiles().flatMap((file) => brokenLinks(file, root));
	expect(broken.map((link) => `${link.file}:${link.line}: ${link.target}: ${link.reason}`)).toEqual(
		[],
	);
});

describe('the link check itself', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	});

	test('anchors are named as GitHub names them', () => {
		expect(slugOf('Headless: `--json`')).toBe('headless---json');
		expect(slugOf('fork(): a copy, not a fork')).toBe('fork-a-copy-not-a-fork');
		expect(slugOf('Run any command, with its whole process tree')).toBe(
			'run-any-command-with-its-whole-process-tree',
		);
		expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n## B #\n')]).toEqual([
			'a',
			'a-1',
			'b',
		]);
	});

	test('links in code are not links', () => {
		const markdown = 'see [a](a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d]: d.md "title"\n';
		expect(linksIn(markdown).map((link) => link.target)).toEqual(['a.md', 'd.md']);
	});

	test('a missing file, a missing heading and a missing anchor in the same page are each found', () => {
		// Given a page that links to a page that exists, one that does not, and headings
		dir = mkdtempSync(join(tmpdir(), 'procdash-links-'));
		mkdirSync(join(dir, 'docs'));
		writeFileSync(join(dir, 'docs', 'other.md'), '# Other\n\n## The part\n');
		const page = join(dir, 'README.md');
		writeFileSync(
			page,
			[
				'# Front',
				'[ok](docs/other.md) [ok too](docs/other.md#the-part) [here](#front) [web](https://example.com/x.md)',
				'[gone](docs/gone.md)',
				'[no part](docs/other.md#no-part)',
				'[no front](#back)',
			].join('\n'),
		);
		// When the page is checked
		const broken = brokenLinks(page, dir);
		// Then exactly the three broken links are reported, with their lines
		expect(broken.map((link) => [link.line, link.target])).toEqual([
			[3, 'docs/gone.md'],
			[4, 'docs/other.md#no-part'],
			[5, '#back'],
		]);
	});
});
