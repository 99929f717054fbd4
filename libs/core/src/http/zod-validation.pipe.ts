import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { Refusal, type FieldError } from '@escala/domain';
import { z } from 'zod';

/** A value that is not there says so, rather than which type or option it would have needed. */
const missingIsRequired: z.core.$ZodErrorMap = (issue) => (issue.input === undefined ? 'required' : undefined);

/** Parses input at a boundary: the same as `safeParse`, with "required" for what is missing. */
function parseInput<T extends z.ZodType>(schema: T, value: unknown) {
  return schema.safeParse(value, { error: missingIsRequired });
}

/**
 * Turns zod issues into the field list every 400 answers with. `at` names where the value came from
 * (a path parameter's name); `root` stands for the whole value. One message per field: zod goes on
 * checking a value of the wrong type (an array is then "too small"), and only the first issue is
 * the reason.
 */
export function fieldErrors(error: z.ZodError, at: string[] = [], root = '(body)'): FieldError[] {
  const errors = new Map<string, string>();
  for (const issue of error.issues) {
    const field = [...at, ...issue.path.map(String)].join('.') || root;
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return [...errors].map(([field, message]) => ({ field, message }));
}

/** `value` validated by `schema`, or the bad-input refusal naming each failing field (see `fieldErrors`). */
export function parsed<T extends z.ZodType>(
  schema: T,
  value: unknown,
  at: string[] = [],
  root = '(body)',
): z.output<T> {
  const result = parseInput(schema, value);
  if (!result.success) throw Refusal.badInput(fieldErrors(result.error, at, root));
  return result.data;
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<T> {
    const at = metadata?.data ? [metadata.data] : [];
    return parsed(this.schema, value, at, metadata?.type === 'query' ? '(query)' : '(body)');
  }
}
