import { applyDecorators, Body, Query } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Documents a zod-validated request body in the OpenAPI document; pair with {@link ValidBody}. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return applyDecorators(ApiBody({ schema: jsonSchemaOf(schema) as never }));
}

/** Documents each property of a zod object schema as a query parameter. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const properties = (jsonSchemaOf(schema).properties ?? {}) as Record<string, JsonSchema>;
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: false, schema: property as never }),
    ),
  );
}

/** The request body, validated by `schema`; a failure answers 400 naming each field. */
export const ValidBody = (schema: z.ZodType): ParameterDecorator => Body(new ZodValidationPipe(schema));

/** The query string, validated by `schema`. */
export const ValidQuery = (schema: z.ZodType): ParameterDecorator => Query(new ZodValidationPipe(schema));

/**
 * What a handler may return for a response documented by a schema whose output type is `T`: the
 * same shape, where any string may also be a Date (JSON writes Dates as ISO strings).
 */
export type Serializable<T> = T extends string
  ? T | Date
  : T extends readonly (infer Item)[]
    ? readonly Serializable<Item>[]
    : T extends object
      ? { [K in keyof T]: Serializable<T[K]> }
      : T;

/**
 * Documents the success answer with a zod schema, and makes the compiler check that the handler
 * returns something that serializes to it: the console's types are generated from this schema, so
 * the API and the console cannot drift apart silently.
 */
export function ApiZodResponse<S extends z.ZodType>(schema: S, status = 200) {
  const decorator = ApiResponse({
    status,
    description: status === 201 ? 'Created' : 'OK',
    schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as never,
  });
  return <M extends (...args: never[]) => Serializable<z.output<S>> | Promise<Serializable<z.output<S>>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    decorator(target, key, descriptor);
  };
}
