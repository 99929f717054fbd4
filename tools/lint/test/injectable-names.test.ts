import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The roles a Nest provider's file may carry: what it does is in its name before the role. */
const ROLE = /\.(service|repository|guard)\.ts$/;

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'apps', 'libs', 'plugins'], {
    encoding: 'utf8',
  });
  return listed.split('\n').filter((path) => /\.tsx?$/.test(path) && !/\.(spec|test)\.tsx?$/.test(path));
}

describe('file names of injectables', () => {
  it('every @Injectable() class lives in a name.role.ts file (service, repository or guard)', () => {
    const unnamed = sourceFiles().filter(
      (path) => readFileSync(path, 'utf8').includes('@Injectable()') && !ROLE.test(path),
    );
    expect(unnamed).toEqual([]);
  });
});
