import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

const BOUNDARY_RULES = new Set(['@nx/enforce-module-boundaries', 'no-restricted-imports']);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => BOUNDARY_RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

/** The architecture rules are real: these imports must fail `npm run lint`. */
describe('module boundaries', () => {
  it.each([
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ['@mikro-orm/core', "import { p } from '@mikro-orm/core';\nexport const x = p;\n"],
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['@escala/core', "import { CoreModule } from '@escala/core';\nexport const x = CoreModule;\n"],
  ])('refuse %s in libs/domain', async (_name, code) => {
    expect(await boundaryErrors('libs/domain/src/boundary-probe.ts', code)).not.toEqual([]);
  });

  it('refuse development tools inside the core', async () => {
    const code = "import { freePort } from '@escala/db-tools';\nexport const x = freePort;\n";
    expect(await boundaryErrors('libs/core/src/boundary-probe.ts', code)).not.toEqual([]);
  });

  it('accept the domain inside the core', async () => {
    const code = "import { ROLES } from '@escala/domain';\nexport const x = ROLES;\n";
    expect(await boundaryErrors('libs/core/src/boundary-probe.ts', code)).toEqual([]);
  });

  it.each([
    ['@escala/core', "import { CoreModule } from '@escala/core';\nexport const x = CoreModule;\n"],
    ['@mikro-orm/core', "import { p } from '@mikro-orm/core';\nexport const x = p;\n"],
    ['pg', "import pg from 'pg';\nexport const x = pg;\n"],
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
  ])('refuse %s in a connector plugin', async (_name, code) => {
    expect(await boundaryErrors('plugins/webhook/src/boundary-probe.ts', code)).not.toEqual([]);
  });

  it('accept the kit inside a connector plugin, and refuse the core inside the kit', async () => {
    const kit = "import { ConnectorError } from '@escala/connector-kit';\nexport const x = ConnectorError;\n";
    expect(await boundaryErrors('plugins/webhook/src/boundary-probe.ts', kit)).toEqual([]);
    const core = "import { CoreModule } from '@escala/core';\nexport const x = CoreModule;\n";
    expect(await boundaryErrors('libs/connector-kit/src/boundary-probe.ts', core)).not.toEqual([]);
  });
});
