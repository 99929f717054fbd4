import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The workspace's Prettier settings, which `npm run lint` checks every file against. */
export const WORKSPACE_PRETTIER = readFileSync(
  fileURLToPath(new URL('../../../../.prettierrc.json', import.meta.url)),
  'utf8',
);

/**
 * An empty Nx workspace formatted like ours: Prettier with our settings. (Nx's default tree brings
 * oxfmt; formatFiles reads a config written into a virtual tree only under the name `.prettierrc`.)
 */
export function workspaceLikeOurs(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.delete('.oxfmtrc.json');
  tree.write('.prettierrc', WORKSPACE_PRETTIER);
  return tree;
}
