import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { previewDocument } from './preview-document.js';

/** Writes the OpenAPI document to the file named on the command line; the console generates its typed client from it. */
async function main(target: string | undefined): Promise<void> {
  if (!target) throw new Error('usage: write-openapi <file>');
  const document = await previewDocument();
  await mkdir(dirname(resolve(target)), { recursive: true });
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
