import { describe, expect, it } from 'vitest';
import { configFields, configValue } from './config-fields';

const WEBHOOK = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri', description: 'Where deliveries are sent' },
    apiToken: { type: 'string', minLength: 8, writeOnly: true, 'x-secret': true },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: 10000 },
    mode: { type: 'string', enum: ['json', 'form'] },
    verbose: { type: 'boolean' },
  },
  required: ['url'],
};

describe('configFields', () => {
  it('turns a connector schema into form fields, secrets write-only', () => {
    expect(configFields(WEBHOOK).map((field) => [field.name, field.kind, field.required])).toEqual([
      ['url', 'text', true],
      ['apiToken', 'secret', false],
      ['timeoutMs', 'number', false],
      ['mode', 'choice', false],
      ['verbose', 'boolean', false],
    ]);
    expect(configFields(WEBHOOK)[2]).toMatchObject({ min: 100, max: 60000, defaultValue: 10000 });
  });

  it('leaves empty inputs out of the config sent', () => {
    expect(configValue(configFields(WEBHOOK), { url: 'https://x.example', apiToken: '', timeoutMs: 500 })).toEqual({
      url: 'https://x.example',
      timeoutMs: 500,
    });
  });
});
