import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { ConnectorError } from '@escala/connector-kit';
import { badInput } from '../http/bad-input.js';
import { fieldErrors, parseInput } from '../http/zod-validation.pipe.js';

/** Validates inbound data with the HTTP API's schema: a failure is the same 400 a request would get. */
export function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = parseInput(schema, value);
  if (!result.success) throw badInput(...fieldErrors(result.error));
  return result.data;
}

/** The HTTP refusals of the ticket services, in the connector vocabulary; anything else stays as it is. */
export function asConnectorError(error: unknown): unknown {
  if (error instanceof NotFoundException) return ConnectorError.notFound(error.message);
  if (error instanceof BadRequestException) {
    const response = error.getResponse() as { errors?: Array<{ field: string; message: string }> };
    const detail = response.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? error.message;
    return ConnectorError.permanent(`refused by the core: ${detail}`, error);
  }
  if (error instanceof ConflictException || error instanceof ForbiddenException)
    return ConnectorError.permanent(`refused by the core: ${error.message}`, error);
  return error;
}

/**
 * Two changes created a ticket for one reference at once, and the other committed first: this one
 * rolls back, and on its retry finds the other's ticket.
 */
export function raceLost(error: unknown): never {
  if (error instanceof ConflictException || error instanceof UniqueConstraintViolationException) {
    throw ConnectorError.temporary('a concurrent change created the ticket for this external reference', error);
  }
  throw error;
}
