import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The product's TypeScript sources (not tests, builds or migrations), as repository paths. */
function productSources(): string[] {
  return ['libs', 'apps', 'plugins'].flatMap((top) =>
    readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
      .map((path) => relative(root, join(root, top, path)))
      .filter(
        (path) =>
          /\/src\/.*\.ts$/.test(path) &&
          !/\.(spec|test)\.ts$/.test(path) &&
          !path.includes('/dist/') &&
          !path.includes('/node_modules/') &&
          !path.includes('/migrations/'),
      ),
  );
}

function tablesTheMigrationsCreate(): Set<string> {
  const folder = 'libs/core/src/persistence/migrations';
  const sql = readdirSync(join(root, folder))
    .filter((file) => file.startsWith('Migration'))
    .map((file) => read(join(folder, file)))
    .join('\n');
  return new Set([...sql.matchAll(/create table (?:if not exists )?"?(\w+)/gi)].map((match) => match[1]!));
}

interface Ownership {
  owner: string;
  rawWriters: string[];
}

/** The "Tables and their owners" table of docs/architecture.md, by table. */
function documentedOwners(): Map<string, Ownership> {
  const doc = read('docs/architecture.md');
  const section = doc.slice(doc.indexOf('## Tables and their owners'));
  const rows = section.split('\n').filter((line) => /^\|\s*`\w+`/.test(line));
  return new Map(
    rows.map((line) => {
      const [table, owner, writers] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
      return [table![0]!, { owner: owner![0]!, rawWriters: writers ?? [] }];
    }),
  );
}

const WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+"?([a-z_]+)"?/gi;

describe('tables and their owners (docs/architecture.md)', () => {
  const tables = tablesTheMigrationsCreate();
  const owners = documentedOwners();

  it('lists every table the migrations create, and only those', () => {
    expect([...owners.keys()].sort()).toEqual([...tables].sort());
  });

  it("names for each table one owning file that exists and holds the table's name", () => {
    const wrong = [...owners].filter(
      ([table, { owner }]) => !existsSync(join(root, owner)) || !read(owner).includes(table),
    );
    expect(wrong.map(([table, { owner }]) => `${table}: ${owner}`)).toEqual([]);
  });

  it('keeps raw SQL writing a table in its owner or in a file the list names for it', () => {
    const strays: string[] = [];
    for (const path of productSources()) {
      for (const [, table] of read(path).matchAll(WRITE)) {
        const ownership = owners.get(table!);
        if (ownership && ownership.owner !== path && !ownership.rawWriters.includes(path))
          strays.push(`${path} writes ${table}`);
      }
    }
    expect(strays).toEqual([]);
  });
});

describe('the audit trail is a record for people, not a hidden schema', () => {
  // The audit module writes and serves the trail; the ticket's audit-trail endpoint shows it.
  const allowed = (path: string) =>
    path.startsWith('libs/core/src/audit/') || path === 'libs/core/src/persistence/entities/audit-record.entity.ts';
  const trailEndpoint = 'libs/core/src/tickets/tickets.controller.ts';

  it('is read by no query outside the audit module', () => {
    const readers = productSources().filter((path) => {
      if (allowed(path)) return false;
      const source = read(path);
      return (
        /\baudit_records\b/.test(source) ||
        /\.(find\w*|count|qb|createQueryBuilder|getReference)\(\s*AuditRecordSchema/.test(source) ||
        (path !== trailEndpoint && /\.trail\(/.test(source))
      );
    });
    expect(readers).toEqual([]);
  });
});
