import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const README_MAX_LINES = 200;
const markdown = new MarkdownIt();

/** README.md and every page under docs/: the documentation a reader follows links through. */
function documentationFiles(): string[] {
  const docs = readdirSync('docs', { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join('docs', path));
  return ['README.md', ...docs.sort()];
}

function plainText(inline: Token): string {
  return (inline.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

/** The anchors GitHub gives a page's headings (duplicates get -1, -2, … as there). */
function anchorsOf(source: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(source, {});
  const anchors = new Set<string>();
  tokens.forEach((token, index) => {
    const inline = tokens[index + 1];
    if (token.type === 'heading_open' && inline) anchors.add(slugger.slug(plainText(inline)));
  });
  return anchors;
}

function linksOf(source: string): string[] {
  const links: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'link_open') links.push(token.attrGet('href') ?? '');
      if (token.type === 'image') links.push(token.attrGet('src') ?? '');
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(source, {}));
  return links;
}

/** What is wrong with each relative link of `file` (a path from the repository root): nothing when all resolve. */
function brokenLinks(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const href of linksOf(source)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto: — not ours to resolve
    const [rawPath = '', rawAnchor] = href.split('#', 2);
    const path = decodeURIComponent(rawPath);
    const target = path ? resolve(ROOT, dirname(file), path) : resolve(ROOT, file);
    const inRepo = relative(ROOT, target);
    if (inRepo.startsWith('..') || inRepo.startsWith(sep)) {
      problems.push(`${file}: ${href} points outside the repository`);
      continue;
    }
    if (!existsSync(target)) {
      problems.push(`${file}: ${href} — ${inRepo} does not exist`);
      continue;
    }
    if (rawAnchor === undefined) continue;
    if (statSync(target).isDirectory() || !target.endsWith('.md')) {
      problems.push(`${file}: ${href} — an anchor into something that is not a Markdown page`);
      continue;
    }
    const anchor = decodeURIComponent(rawAnchor);
    if (!anchorsOf(path ? readFileSync(target, 'utf8') : source).has(anchor))
      problems.push(`${file}: ${href} — no heading with the anchor #${anchor} in ${inRepo}`);
  }
  return problems;
}

/** The TypeScript files of a folder, past build output, installs and scratch folders (`.generated`). */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')
        ? []
        : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `docs/playbook.md §N` or `§N.M` cited in the code, with the file citing it. */
function playbookCitations(): Array<[string, string]> {
  return ['apps', 'libs', 'plugins', 'tools']
    .flatMap(sourceFiles)
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/docs\/playbook\.md §(\d+(?:\.\d+)?)/g)].map(
        (match): [string, string] => [file, match[1] ?? ''],
      ),
    );
}

describe('documentation links', () => {
  it.each(documentationFiles())('every relative link and anchor in %s resolves inside the repository', (file) => {
    expect(brokenLinks(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('every playbook section the code cites exists', () => {
    const sections = new Set(
      [...readFileSync('docs/playbook.md', 'utf8').matchAll(/^#{2,3} (\d+(?:\.\d+)?)[. ]/gm)].map((match) => match[1]),
    );
    const citations = playbookCitations();
    expect(citations.length).toBeGreaterThan(30);
    expect(citations.filter(([, section]) => !sections.has(section))).toEqual([]);
  });

  it(`keeps README.md at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync('README.md', 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('reports a missing page, a missing anchor and a link out of the repository', () => {
    const page = [
      '# Title',
      '## Boundary rules (`type:domain`)',
      '[ok](#boundary-rules-typedomain) [ok](docs/architecture.md#boundary-rules)',
      '[gone](docs/nowhere.md) [no anchor](#nowhere) [outside](../shared/ARCHITECTURE.md)',
      '`[in code](nowhere.md)` [web](https://example.org/x)',
    ].join('\n\n');
    expect(brokenLinks('README.md', page)).toEqual([
      'README.md: docs/nowhere.md — docs/nowhere.md does not exist',
      'README.md: #nowhere — no heading with the anchor #nowhere in README.md',
      'README.md: ../shared/ARCHITECTURE.md points outside the repository',
    ]);
  });
});
