import { readJson, type Tree } from '@nx/devkit';
import * as prettier from 'prettier';
import { beforeEach, describe, expect, it } from 'vitest';
import connectorGenerator from './generator.js';
import { WORKSPACE_PRETTIER, workspaceLikeOurs } from '../../../test/support/workspace-tree.js';

describe('connector generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = workspaceLikeOurs();
  });

  it.each(['slack', 'a-connector-with-a-rather-long-name-for-wrapping'])(
    'writes files that pass the workspace Prettier check (%s)',
    async (name) => {
      await connectorGenerator(tree, { name });
      const options = JSON.parse(WORKSPACE_PRETTIER) as prettier.Options;
      const files = tree
        .listChanges()
        .filter((change) => change.path.startsWith(`plugins/${name}/`))
        .map((change) => change.path);
      const unformatted = [];
      for (const path of files)
        if (!(await prettier.check(tree.read(path, 'utf-8')!, { ...options, filepath: path }))) unformatted.push(path);
      expect(unformatted).toEqual([]);
    },
  );

  it('scaffolds a discoverable, tagged plugin with its definition, config and contract spec', async () => {
    await connectorGenerator(tree, { name: 'whatsapp-business' });
    const root = 'plugins/whatsapp-business';
    expect(tree.children(`${root}/src`).sort()).toEqual([
      'index.ts',
      'whatsapp-business.config.ts',
      'whatsapp-business.connector.spec.ts',
      'whatsapp-business.connector.ts',
    ]);
    const manifest = readJson(tree, `${root}/package.json`);
    expect(manifest).toMatchObject({
      name: '@escala/plugin-whatsapp-business',
      escala: { connector: true },
      nx: { tags: ['type:plugin'] },
    });
    const connector = tree.read(`${root}/src/whatsapp-business.connector.ts`, 'utf-8')!;
    expect(connector).toContain("key: 'whatsapp-business'");
    expect(connector).toContain("displayName: 'Whatsapp Business'");
    expect(connector).toContain('export const whatsappBusinessConnector = defineConnector(');
    expect(tree.read(`${root}/src/whatsapp-business.connector.spec.ts`, 'utf-8')).toContain(
      'connectorContractTests(whatsappBusinessConnector',
    );
    expect(readJson(tree, `${root}/tsconfig.lib.json`).references).toEqual([
      { path: '../../libs/connector-kit/tsconfig.lib.json' },
    ]);
  });

  it('writes nothing outside its own folder', async () => {
    const before = new Set(tree.listChanges().map((change) => change.path));
    await connectorGenerator(tree, { name: 'slack', displayName: 'Slack' });
    const written = tree
      .listChanges()
      .map((change) => change.path)
      .filter((path) => !before.has(path));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((path) => !path.startsWith('plugins/slack/'))).toEqual([]);
  });

  it.each(['Slack', 'my_connector', '1password', ''])('refuses the name %j', async (name) => {
    await expect(connectorGenerator(tree, { name })).rejects.toThrow(/kebab-case/);
  });

  it('refuses to overwrite an existing plugin', async () => {
    await connectorGenerator(tree, { name: 'slack' });
    await expect(connectorGenerator(tree, { name: 'slack' })).rejects.toThrow(/already exists/);
  });
});
