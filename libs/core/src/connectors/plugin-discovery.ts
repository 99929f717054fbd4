import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isConnectorDefinition, type ConnectorDefinition } from '@escala/connector-kit';

/** The package.json field that makes a package a connector plugin: `"escala": { "connector": true }`. */
interface PluginManifest {
  name?: string;
  escala?: { connector?: boolean };
}

async function manifestsIn(directory: string): Promise<PluginManifest[]> {
  const entries = await readdir(directory).catch(() => [] as string[]);
  const manifests = await Promise.all(
    entries.map((entry) =>
      readFile(join(directory, entry, 'package.json'), 'utf8')
        .then((text) => JSON.parse(text) as PluginManifest)
        .catch(() => null),
    ),
  );
  return manifests.filter((manifest): manifest is PluginManifest => manifest !== null);
}

/**
 * Finds the installed connector plugins: packages in the `@escala` scope (the workspace's
 * `plugins/*`, linked by npm install, or published ones) that carry the marker. Adding a connector
 * touches only its own folder: nothing in core lists them.
 */
export async function discoverConnectors(): Promise<ConnectorDefinition[]> {
  const lookupPaths = createRequire(import.meta.url).resolve.paths('@escala/connector-kit') ?? [];
  const names = new Set<string>();
  for (const nodeModules of lookupPaths) {
    for (const manifest of await manifestsIn(join(nodeModules, '@escala'))) {
      if (manifest.escala?.connector === true && manifest.name) names.add(manifest.name);
    }
  }
  const definitions: ConnectorDefinition[] = [];
  for (const name of [...names].sort()) {
    const module = (await import(name)) as { default?: unknown };
    if (!isConnectorDefinition(module.default))
      throw new Error(`${name} is marked as a connector plugin but its default export is not a connector definition`);
    definitions.push(module.default);
  }
  return definitions;
}
