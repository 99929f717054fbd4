import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { previewDocument } from '../src/openapi/preview-document.js';

const CONSOLE_SOURCES = join(import.meta.dirname, '../../console/src');
const CALL = /api\.(GET|POST|PUT|PATCH|DELETE)\(\s*'([^']+)'/g;

async function consoleCalls(dir = CONSOLE_SOURCES): Promise<Array<{ method: string; path: string }>> {
  const calls: Array<{ method: string; path: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) calls.push(...(await consoleCalls(file)));
    else if (/\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name))
      for (const [, method, path] of (await readFile(file, 'utf8')).matchAll(CALL))
        calls.push({ method: method!.toLowerCase(), path: path! });
  }
  return calls;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema?: object }> }> };

describe('the OpenAPI document the console is typed from', () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await previewDocument();
  });

  it('documents the JSON answer of every route the console calls, so the console reads no undeclared field', async () => {
    const calls = await consoleCalls();
    expect(calls.length).toBeGreaterThan(20);
    const undocumented = calls.filter(({ method, path }) => {
      const operation = (document.paths[path] as Record<string, Operation> | undefined)?.[method];
      if (!operation) return true;
      const success = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      // A 204 carries no body; any other success must say what its body is.
      return !success.every(([status, answer]) => status === '204' || answer.content?.['application/json']?.schema);
    });
    expect(undocumented).toEqual([]);
  });

  it('describes instants as date-time strings and absent values as null, as JSON carries them', () => {
    const ticket = (document.paths['/tickets/{id}'] as Record<string, Operation>).get!.responses['200']!.content![
      'application/json'
    ]!.schema as { properties: Record<string, { format?: string; anyOf?: Array<{ type?: string }> }> };
    expect(ticket.properties.createdAt!.format).toBe('date-time');
    expect(ticket.properties.assigneeId!.anyOf?.map((option) => option.type)).toContain('null');
  });
});
