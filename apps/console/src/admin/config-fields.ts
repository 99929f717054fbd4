import type { JsonSchema } from '../api/models';

/** One input of a connector's config form, read from its JSON Schema. */
export interface ConfigField {
  name: string;
  kind: 'text' | 'secret' | 'number' | 'boolean' | 'choice';
  required: boolean;
  description?: string;
  choices?: string[];
  min?: number;
  max?: number;
  defaultValue?: unknown;
}

/**
 * The fields of a connector's config schema, in declaration order. Secret fields (`x-secret` or
 * `writeOnly`) become write-only inputs: the server never returns their value, only a mask.
 */
export function configFields(schema: JsonSchema): ConfigField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const secret = property['x-secret'] === true || (property as { writeOnly?: boolean }).writeOnly === true;
    const kind: ConfigField['kind'] = secret
      ? 'secret'
      : property.enum
        ? 'choice'
        : property.type === 'integer' || property.type === 'number'
          ? 'number'
          : property.type === 'boolean'
            ? 'boolean'
            : 'text';
    return {
      name,
      kind,
      required: required.has(name),
      description: property.description,
      choices: property.enum?.map(String),
      min: property.minimum,
      max: property.maximum,
      defaultValue: property.default,
    };
  });
}

/** The config to send: empty inputs left out, so the server's defaults and required checks apply. */
export function configValue(fields: ConfigField[], values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    fields.flatMap((field) => {
      const value = values[field.name];
      return value === '' || value === undefined || value === null ? [] : [[field.name, value]];
    }),
  );
}
