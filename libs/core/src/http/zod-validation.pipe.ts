import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** Turns zod issues into the 400 body every endpoint answers with: each failing field named. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      const errors = fieldErrors(result.error);
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`,
        errors,
      });
    }
    return result.data;
  }
}
