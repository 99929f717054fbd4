import { BadRequestException } from '@nestjs/common';
import type { FieldError } from './zod-validation.pipe.js';

/** A 400 in the same shape as a validation failure, for input that only the service can judge. */
export function badInput(...errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`,
    errors,
  });
}
