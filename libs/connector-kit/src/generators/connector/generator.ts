import { formatFiles, generateFiles, names, type Tree } from '@nx/devkit';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ConnectorGeneratorOptions {
  name: string;
  displayName?: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * `npx nx g @escala/connector-kit:connector <name>`: a plugin folder that the server discovers by
 * itself and whose spec already runs the contract test-kit. Everything goes through the Tree, so a
 * dry run shows it and a failure leaves the workspace untouched.
 */
export default async function connectorGenerator(tree: Tree, options: ConnectorGeneratorOptions): Promise<void> {
  if (!NAME.test(options.name))
    throw new Error(`"${options.name}" is not a kebab-case connector name (e.g. slack, whatsapp-business)`);
  const root = join('plugins', options.name);
  if (tree.exists(root)) throw new Error(`${root} already exists`);
  const { fileName, propertyName, className } = names(options.name);
  const displayName =
    options.displayName ??
    fileName
      .split('-')
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join(' ');
  const templates = join(dirname(fileURLToPath(import.meta.url)), 'files');
  generateFiles(tree, templates, root, { fileName, propertyName, className, displayName, template: '' });
  // Names of any length reflow the templates' lines: Prettier, with the workspace's config, has the last word.
  await formatFiles(tree);
}
