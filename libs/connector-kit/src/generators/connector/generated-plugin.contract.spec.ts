import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import connectorGenerator from './generator.js';
import { workspaceLikeOurs } from '../../../test/support/workspace-tree.js';

// A freshly generated plugin must pass the contract test-kit as it comes out of the generator: it is
// generated into a git-ignored folder inside the workspace (so its imports resolve as a plugin's
// do), and its own spec is loaded here, which registers the contract suite in this file.
const name = 'generated-probe';
const workspace = fileURLToPath(new URL(`../../../.generated/${process.pid}/`, import.meta.url));
const tree = workspaceLikeOurs();
await connectorGenerator(tree, { name });
for (const change of tree.listChanges()) {
  if (!change.path.startsWith(`plugins/${name}/`) || !change.content) continue;
  const path = join(workspace, change.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, change.content);
}
// The plugin's tsconfig extends ../../tsconfig.base.json, as it does under plugins/ in the workspace.
const repoTsconfig = fileURLToPath(new URL('../../../../../tsconfig.base.json', import.meta.url));
writeFileSync(join(workspace, 'tsconfig.base.json'), JSON.stringify({ extends: repoTsconfig }));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

await import(/* @vite-ignore */ join(workspace, `plugins/${name}/src/${name}.connector.spec.ts`));
