/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * What n8n checks before it verifies a community package, where a test can check it
 * (docs/verification.md): package metadata and its URLs, the codex file of every node in
 * package.json `n8n.nodes` (discovered, not listed here), the credentials' documentation URLs
 * pointing at files and headings this repository contains, and English-only UI text and README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';

const ROOT = join(__dirname, '..', '..');

/**
 * The codex categories n8n's node panel knows (n8n-io/n8n-docs,
 * docs/integrations/creating-nodes/build/node-categories.md, and docs.n8n.io "Node codex files";
 * the spelling must match; all of them are used by n8n-nodes-base's codex files). "AI" is reserved for nodes built on @n8n/ai-node-sdk (n8n's
 * community-nodes lint rule no-ai-codex-category), and community codex files carry no
 * subcategories (no-codex-subcategories).
 */
const CODEX_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

/**
 * Non-English text allowed in UI text and the README, each with its reason. Any other letter outside
 * ASCII fails the test, and so does an entry no longer used (remove it).
 * - `vendor`: a vendor's own name (menu, value, voice) quoted next to its English meaning, or a
 *   proper name; these stay. (Sample text in placeholders, defaults and the README is English.)
 */
const ALLOWED_NON_ENGLISH: Array<{
	text: string;
	where: 'ui' | 'readme';
	kind: 'vendor';
	reason: string;
}> = [
	...['默认策略'].flatMap((text) => [
		{
			text,
			where: 'ui' as const,
			kind: 'vendor' as const,
			reason:
				"NXCLOUD's name of its default dialing strategy: a value the API expects, explained in English beside it",
		},
		{
			text,
			where: 'readme' as const,
			kind: 'vendor' as const,
			reason: 'the same dialing strategy value, quoted in the Operations table',
		},
	]),
	...['Hồng Anh', 'Ngọc Anh', 'Tiến Huy', 'Anh Kiệt'].map((text) => ({
		text,
		where: 'ui' as const,
		kind: 'vendor' as const,
		reason:
			"an OMICall text-to-speech voice's name, shown with its English meaning (e.g. Southern Female)",
	})),
	{
		text: 'São Paulo',
		where: 'ui',
		kind: 'vendor',
		reason: 'a city name in a time-zone option, as the IANA zone America/Sao_Paulo is shown',
	},
	{
		text: '开发者 / 开发者授权',
		where: 'readme',
		kind: 'vendor',
		reason:
			"NXCLOUD's menu names quoted next to their English meaning (Developer → Developer authorization)",
	},
	{
		text: 'Cấu hình → Doanh nghiệp → Tích hợp → WEBHOOK',
		where: 'readme',
		kind: 'vendor',
		reason:
			"OMICall's menu path quoted next to its English meaning (Configuration → Enterprise → Integration → WEBHOOK)",
	},
];

/** A letter outside ASCII (Vietnamese, Chinese, …); punctuation such as → … — is not a letter. */
function nonEnglishLetters(text: string): string[] {
	return [...text].filter((char) => char.charCodeAt(0) > 0x7f && /\p{L}/u.test(char));
}

/** The text with every allowed non-English passage for `where` removed. */
function withoutAllowed(text: string, where: 'ui' | 'readme', used: Set<number>): string {
	let rest = text;
	ALLOWED_NON_ENGLISH.forEach((entry, index) => {
		if (entry.where === where && rest.includes(entry.text)) {
			used.add(index);
			rest = rest.split(entry.text).join(' ');
		}
	});
	return rest;
}

/** GitHub's anchors for the headings of a Markdown file (outside code fences). */
function githubAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = !fenced && /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.replace(/`/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const seen = counts.get(slug) ?? 0;
		counts.set(slug, seen + 1);
		anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
	}
	return anchors;
}

const repository = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)\.git$/.exec(
	packageJson.repository.url,
);
const REPO_URL = repository?.[1] ?? '';

/**
 * Where a documentation URL of this package points in this repository: README.md (`REPO_URL#anchor`)
 * or a file (`REPO_URL/blob/main/path#anchor`). Returns the problem, or undefined when the file
 * exists and has that heading.
 */
function brokenRepoLink(url: string): string | undefined {
	if (!url.startsWith(`${REPO_URL}#`) && !url.startsWith(`${REPO_URL}/blob/main/`)) {
		return `${url}: not a page of this repository (${REPO_URL})`;
	}
	const [location, anchor] = url.slice(REPO_URL.length).split('#');
	const file = location === '' ? 'README.md' : location.slice('/blob/main/'.length);
	const path = join(ROOT, file);
	if (!existsSync(path)) return `${url}: ${file} does not exist`;
	if (anchor === undefined) return undefined;
	if (!file.endsWith('.md')) return `${url}: an anchor in a file that is not Markdown`;
	if (!githubAnchors(readFileSync(path, 'utf8')).has(anchor)) {
		return `${url}: ${file} has no heading with the anchor #${anchor}`;
	}
	return undefined;
}

/** The TypeScript source and codex file of a package.json entry (dist/…/X.node.js). */
function sourceOf(entry: string): string {
	return join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/** The exported class of a node or credential source file, instantiated. */
async function load<T>(entry: string, key: 'description' | 'properties'): Promise<T> {
	const module = (await import(sourceOf(entry))) as Record<string, unknown>;
	const classes = Object.values(module).filter(
		(value): value is new () => T => typeof value === 'function',
	);
	const instances = classes.map((Class) => new Class()).filter((value) => key in Object(value));
	expect(instances, `${entry}: one exported node or credential class`).toHaveLength(1);
	return instances[0];
}

/** Every string of a description, with its path, functions left out. */
function strings(value: unknown, path: string, out: Array<[string, string]> = []) {
	if (typeof value === 'string') out.push([path, value]);
	else if (Array.isArray(value)) value.forEach((inner, i) => strings(inner, `${path}[${i}]`, out));
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) strings(inner, `${path}.${key}`, out);
	}
	return out;
}

interface Codex {
	node: string;
	nodeVersion: string;
	codexVersion: string;
	categories: string[];
	subcategories?: unknown;
	resources: {
		primaryDocumentation: Array<{ url: string }>;
		credentialDocumentation?: Array<{ url: string }>;
	};
}

describe('verification: package metadata', () => {
	it('repository is a public GitHub repository; homepage and bugs point into it', () => {
		expect(repository, 'repository.url git+https://github.com/<owner>/<name>.git').not.toBeNull();
		expect(packageJson.repository.type).toBe('git');
		expect(packageJson.homepage).toBe(`${REPO_URL}#readme`);
		expect(packageJson.bugs.url).toBe(`${REPO_URL}/issues`);
	});

	it('MIT licence, no runtime dependencies, n8n-workflow as the only peer dependency', () => {
		expect(packageJson.license).toBe('MIT');
		expect(readFileSync(join(ROOT, 'LICENSE.md'), 'utf8')).toMatch(/^MIT License/m);
		expect(packageJson).not.toHaveProperty('dependencies');
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.author.name).toBeTruthy();
		expect(packageJson.author.email).toMatch(/^[^@\s]+@[^@\s]+$/);
	});
});

describe('verification: codex files and documentation URLs', () => {
	it('the URL checker knows README anchors and refuses what the repository does not contain', () => {
		expect(
			githubAnchors('# A\n## OMICall Webhook Secret API credential\n## A\n```\n# B\n```'),
		).toEqual(new Set(['a', 'omicall-webhook-secret-api-credential', 'a-1']));
		expect(brokenRepoLink(`${REPO_URL}#quick-start`)).toBeUndefined();
		expect(brokenRepoLink(`${REPO_URL}/blob/main/docs/development.md#commands`)).toBeUndefined();
		expect(brokenRepoLink(`${REPO_URL}#no-such-heading`)).toMatch(/no heading/);
		expect(brokenRepoLink(`${REPO_URL}/blob/main/docs/missing.md`)).toMatch(/does not exist/);
		expect(brokenRepoLink('https://example.com/docs')).toMatch(/not a page of this repository/);
	});

	it.each(packageJson.n8n.nodes)(
		'%s: codex file with allowed categories and working URLs',
		async (entry) => {
			const codexPath = sourceOf(entry).replace(/\.ts$/, '.json');
			expect(existsSync(codexPath), `${codexPath} exists`).toBe(true);
			const codex = JSON.parse(readFileSync(codexPath, 'utf8')) as Codex;
			const nodeType = await load<INodeType>(entry, 'description');
			const { description } = nodeType;

			expect(codex.node).toBe(`${packageJson.name}.${description.name}`);
			expect(codex.nodeVersion).toMatch(/^\d+\.\d+$/);
			expect(codex.codexVersion).toBe('1.0');
			expect(codex.categories.length).toBeGreaterThan(0);
			expect(codex.categories.filter((category) => !CODEX_CATEGORIES.includes(category))).toEqual(
				[],
			);
			expect(codex).not.toHaveProperty('subcategories');

			const primary = codex.resources.primaryDocumentation.map(({ url }) => url);
			const credentialDocs = (codex.resources.credentialDocumentation ?? []).map(({ url }) => url);
			expect(primary.length).toBeGreaterThan(0);
			expect([...primary, ...credentialDocs].map(brokenRepoLink).filter(Boolean)).toEqual([]);

			// Every credential the node uses is documented where its own documentationUrl points.
			const credentialNames = (description.credentials ?? []).map(({ name }) => name);
			for (const credentialEntry of packageJson.n8n.credentials) {
				const credential = await load<ICredentialType>(credentialEntry, 'properties');
				if (credentialNames.includes(credential.name)) {
					expect(credentialDocs, `${entry} documents ${credential.name}`).toContain(
						credential.documentationUrl,
					);
				}
			}
			if (credentialNames.length > 0) expect(credentialDocs.length).toBeGreaterThan(0);
		},
	);

	it.each(packageJson.n8n.credentials)(
		'%s: documentationUrl points into this repository',
		async (entry) => {
			const credential = await load<ICredentialType>(entry, 'properties');
			expect(credential.documentationUrl).toBeTruthy();
			expect(brokenRepoLink(credential.documentationUrl ?? '')).toBeUndefined();
		},
	);

	it("the README's own links to files and headings of this repository resolve", () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const broken: string[] = [];
		for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^[a-z]+:/i.test(target)) continue; // external or mailto
			const [file, anchor] = target.split('#');
			const url = file === '' ? `${REPO_URL}#${anchor}` : `${REPO_URL}/blob/main/${target}`;
			const problem = brokenRepoLink(url);
			if (problem) broken.push(problem);
		}
		expect(broken).toEqual([]);
	});
});

describe('verification: English only', () => {
	it('the check finds Vietnamese and Chinese letters, not punctuation', () => {
		expect(nonEnglishLetters('Nhắc lịch hẹn')).toEqual(['ắ', 'ị', 'ẹ']);
		expect(nonEnglishLetters('默认')).toEqual(['默', '认']);
		expect(nonEnglishLetters('Start → Stop … e.g. 0912 — “quoted” · 5 °C')).toEqual([]);
	});

	it('node and credential UI text and the README are English (allow-list aside)', async () => {
		const used = new Set<number>();
		const found: string[] = [];
		for (const entry of packageJson.n8n.nodes) {
			const { description } = await load<INodeType>(entry, 'description');
			for (const [path, text] of strings(description, entry)) {
				const letters = nonEnglishLetters(withoutAllowed(text, 'ui', used));
				if (letters.length > 0) found.push(`${path}: ${text}`);
			}
		}
		for (const entry of packageJson.n8n.credentials) {
			const credential = await load<ICredentialType>(entry, 'properties');
			const ui = {
				displayName: credential.displayName,
				properties: credential.properties,
				documentationUrl: credential.documentationUrl,
			};
			for (const [path, text] of strings(ui, entry)) {
				const letters = nonEnglishLetters(withoutAllowed(text, 'ui', used));
				if (letters.length > 0) found.push(`${path}: ${text}`);
			}
		}
		readFileSync(join(ROOT, 'README.md'), 'utf8')
			.split('\n')
			.forEach((line, index) => {
				if (nonEnglishLetters(withoutAllowed(line, 'readme', used)).length > 0) {
					found.push(`README.md:${index + 1}: ${line}`);
				}
			});
		expect(found).toEqual([]);
		const unused = ALLOWED_NON_ENGLISH.filter((_entry, index) => !used.has(index));
		expect(unused, 'allow-list entries no longer needed: remove them').toEqual([]);
	});
});
