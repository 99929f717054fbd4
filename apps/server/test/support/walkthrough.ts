/**
 * Reads a walkthrough page (docs/first-day.md): each `sh` block that calls curl is a request, the
 * `http` block after it the answer to expect. The format is the page's own, described at its top:
 * a status line, then JSON the answer must contain (lists: at least these items, any order; `…` in
 * a text: any text); `# keep NAME=.path` keeps a value of the answer for later requests.
 */

export interface WalkthroughRequest {
  /** The step heading it belongs to, for failure messages. */
  step: string;
  method: string;
  /** Path and body as written, `$NAME` not yet replaced. */
  path: string;
  token: string | null;
  body: { json: string } | { raw: string } | null;
  keep: { name: string; path: string[] }[];
  expected: { status: number; json: string | null };
}

const FENCE = /^```(\w*)\n([\s\S]*?)^```$/gm;

export function parseWalkthrough(markdown: string): WalkthroughRequest[] {
  const requests: WalkthroughRequest[] = [];
  let pending: Omit<WalkthroughRequest, 'expected'> | null = null;
  for (const match of markdown.matchAll(FENCE)) {
    const [, language, content] = match as unknown as [string, string, string];
    const step = lastHeading(markdown.slice(0, match.index));
    if (language === 'sh' && /^curl /m.test(content)) {
      if (pending) throw new Error(`${pending.step}: a request without an answer block`);
      pending = parseCurl(step, content);
    } else if (language === 'http') {
      if (!pending) throw new Error(`${step}: an answer block without a request`);
      const [statusLine = '', ...rest] = content.split('\n');
      const status = /^HTTP\/1\.1 (\d{3})\b/.exec(statusLine);
      if (!status) throw new Error(`${step}: the answer starts with "${statusLine}", not a status line`);
      const json = rest.join('\n').trim();
      requests.push({ ...pending, expected: { status: Number(status[1]), json: json || null } });
      pending = null;
    }
  }
  if (pending) throw new Error(`${pending.step}: a request without an answer block`);
  return requests;
}

function lastHeading(before: string): string {
  return [...before.matchAll(/^#{2,3} (.+)$/gm)].at(-1)?.[1] ?? '(top)';
}

function parseCurl(step: string, content: string): Omit<WalkthroughRequest, 'expected'> {
  const lines = content.split('\n');
  const heredoc = lines.findIndex((line) => /<<JSON$/.test(line));
  const command = (heredoc >= 0 ? lines.slice(0, heredoc + 1) : lines.filter((line) => !line.startsWith('#')))
    .join('\n')
    .replace(/\\\n\s*/g, ' ');
  const url = /"\$ESCALA(\/[^"]*)"/.exec(command);
  if (!url) throw new Error(`${step}: a curl without "$ESCALA/…": ${command}`);
  const end = heredoc >= 0 ? lines.indexOf('JSON', heredoc + 1) : -1;
  if (heredoc >= 0 && end < 0) throw new Error(`${step}: a heredoc without its closing JSON line`);
  const raw = /-d '([^']*)'/.exec(command);
  return {
    step,
    method: /-X (\w+)/.exec(command)?.[1] ?? 'GET',
    path: url[1]!,
    token: /"authorization: Bearer \$(\w+)"/.exec(command)?.[1] ?? null,
    body: heredoc >= 0 ? { json: lines.slice(heredoc + 1, end).join('\n') } : raw ? { raw: raw[1]! } : null,
    keep: [...content.matchAll(/^# keep (\w+)=\.([\w.]+)$/gm)].map(([, name, path]) => ({
      name: name!,
      path: path!.split('.'),
    })),
  };
}

/** Replaces `$NAME` (and `$(date -u …)`, the one command substitution the page uses) as the shell would. */
export function expand(text: string, variables: Record<string, string>, now: Date): string {
  return text
    .replace(/\$\(date -u \+%Y-%m-%dT%H:%M:%SZ\)/g, now.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replace(/\$(\w+)/g, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) throw new Error(`$${name} is used before a step keeps it`);
      return value;
    });
}

/** Where `actual` departs from `expected` under the page's rules, or null when it contains it. */
export function mismatch(actual: unknown, expected: unknown, at = '(answer)'): string | null {
  if (typeof expected === 'string') {
    const pattern = new RegExp(`^${expected.split('…').map(escapeRegExp).join('[\\s\\S]*')}$`);
    return typeof actual === 'string' && pattern.test(actual)
      ? null
      : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected a list, got ${JSON.stringify(actual)}`;
    for (const [index, item] of expected.entries()) {
      if (!actual.some((candidate) => mismatch(candidate, item) === null))
        return `${at}[${index}]: no item contains ${JSON.stringify(item)} in ${JSON.stringify(actual)}`;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return `${at}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return `${at}.${key}: missing in ${JSON.stringify(actual)}`;
      const problem = mismatch((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(actual, expected)
    ? null
    : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
