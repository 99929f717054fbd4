import type { PipeTransform } from '@nestjs/common';
import { Refusal, type FieldError } from '@escala/domain';
import { z } from 'zod';

/** Each zod issue as the field it is about, so the 400 names every failing field. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

/** `value` validated by `schema`, or the bad-input refusal naming each failing field. */
export function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw Refusal.badInput(fieldErrors(result.error));
  return result.data;
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    return parsed(this.schema, value);
  }
}
