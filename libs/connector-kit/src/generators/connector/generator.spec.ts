import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import connectorGenerator from './generator.js';

describe('connector generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

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
