// Relative links in Markdown, and whether each resolves: to a file or directory that exists, and,
// for `#anchor`, to a heading of the target as GitHub names it.
import {existsSync, readFileSync, statSync} from 'node:fs';
import {dirname, extname, join, relative} from 'node:path';

/** A link as written in a Markdown file. */
export type MarkdownLink = {
	/** 1-based line of the file. */
	readonly line: number;
	/** What is between the parentheses (or after a reference's colon), title dropped. */
	readonly target: string;
};

/** A link that does not resolve, and why. */
export type BrokenLink = MarkdownLink & {readonly file: string; readonly reason: string};

// A fence opens with ``` or ~~~ and closes with the same run of the same character, or longer.
const fencePattern = /^\s{0,3}(`{3,}|~{3,})/;

/** The lines of `markdown` outside fenced code blocks, as [1-based line number, text]. */
function proseLines(markdown: string): [number, string][] {
	const lines: [number, string][] = [];
	let fence: string | undefined;
	markdown.split('\n').forEach((text, index) => {
		const opening = fencePattern.exec(text)?.[1];
		if (fence !== undefined) {
			if (opening?.[0] === fence[0] && opening.length >= fence.length) fence = undefined;
			return;
		}
		if (opening !== undefined) {
			fence = opening;
			return;
		}
		lines.push([index + 1, text]);
	});
	return lines;
}

/** Every inline link and link reference definition of `markdown`, outside code. */
export function linksIn(markdown: string): MarkdownLink[] {
	const links: MarkdownLink[] = [];
	for (const [line, text] of proseLines(markdown)) {
		const prose = text.replace(/`[^`]*`/g, '');
		for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			links.push({line, target: match[1] as string});
		}
		const reference = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
		if (reference) links.push({line, target: reference[1] as string});
	}
	return links;
}

/**
 * The anchor GitHub gives a heading: its text as rendered (code, emphasis and links reduced to
 * their text), lower-cased, without punctuation, spaces made hyphens.
 */
export function slugOf(heading: string): string {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]*>/g, '')
		.replace(/[`*~]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of every heading of `markdown`, with GitHub's `-1`, `-2` for repeated ones. */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, text] of proseLines(markdown)) {
		const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text)?.[1];
		if (heading === undefined) continue;
		const slug = slugOf(heading);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** Whether a target leaves the repository: a URL with a scheme, or a protocol-relative one. */
function isExternal(target: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** The links of the Markdown file `file` that do not resolve; `root` only shortens the names. */
export function brokenLinks(file: string, root: string): BrokenLink[] {
	const broken: BrokenLink[] = [];
	const name = relative(root, file);
	for (const link of linksIn(readFileSync(file, 'utf8'))) {
		if (isExternal(link.target)) continue;
		const hash = link.target.indexOf('#');
		const path = decodeURIComponent(hash === -1 ? link.target : link.target.slice(0, hash));
		const anchor = hash === -1 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
		const resolved = path === '' ? file : join(dirname(file), path);
		if (!existsSync(resolved)) {
			broken.push({...link, file: name, reason: `no such file: ${relative(root, resolved)}`});
			continue;
		}
		if (anchor === undefined) continue;
		if (statSync(resolved).isDirectory() || extname(resolved) !== '.md') {
			broken.push({...link, file: name, reason: 'an anchor into something not Markdown'});
			continue;
		}
		if (!anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
			broken.push({
				...link,
				file: name,
				reason: `no heading #${anchor} in ${relative(root, resolved)}`,
			});
		}
	}
	return broken;
}
