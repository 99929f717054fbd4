import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { Refusal, type BlockingItem, type FieldError, type RefusalKind } from '@escala/domain';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Problem types are identifiers a client switches on (RFC 9457 §3.1.1), one per refusal kind;
 * docs/errors.md describes each. They never change once published.
 */
export const PROBLEM_TYPE_BASE = 'https://escala.dev/problems/';

/** Every error answer of the API (RFC 9457), with the extension members a refusal kind may carry. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** bad input: every field at fault. */
  errors?: readonly FieldError[];
  /** conflict: what must be dealt with first. */
  blocking?: readonly BlockingItem[];
  /** conflict: what would be accepted instead. */
  allowed?: readonly string[];
  /** too many requests: seconds to wait (also sent as `Retry-After`). */
  retryAfter?: number;
}

const KINDS: Record<RefusalKind, { status: number; slug: string; title: string }> = {
  bad_input: { status: 400, slug: 'bad-input', title: 'Bad input' },
  unauthorized: { status: 401, slug: 'unauthorized', title: 'Authentication required' },
  forbidden: { status: 403, slug: 'forbidden', title: 'Forbidden' },
  not_found: { status: 404, slug: 'not-found', title: 'Not found' },
  conflict: { status: 409, slug: 'conflict', title: 'Conflict' },
  payload_too_large: { status: 413, slug: 'payload-too-large', title: 'Payload too large' },
  too_many_requests: { status: 429, slug: 'too-many-requests', title: 'Too many requests' },
  unavailable: { status: 503, slug: 'unavailable', title: 'Service unavailable' },
};

const KIND_OF_STATUS = new Map(
  Object.entries(KINDS).map(([kind, { status }]) => [status, kind as RefusalKind] as const),
);

const problemType = (kind: RefusalKind): string => PROBLEM_TYPE_BASE + KINDS[kind].slug;

export function problemOfRefusal(refusal: Refusal, instance: string): ProblemDetails {
  const { status, title } = KINDS[refusal.kind];
  const { errors, blocking, allowed, retryAfterSeconds } = refusal.details;
  return {
    type: problemType(refusal.kind),
    title,
    status,
    detail: refusal.message,
    instance,
    ...(errors ? { errors } : {}),
    ...(blocking ? { blocking } : {}),
    ...(allowed ? { allowed } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
  };
}

/**
 * The framework's own refusals (an unknown route, a body that is not JSON or is too large) as the
 * refusal kind of their status; a status no kind stands for keeps RFC 9457's `about:blank`.
 */
export function problemOfHttpException(exception: HttpException, instance: string): ProblemDetails {
  const status = exception.getStatus();
  if (status >= 500) return internalProblem(instance, status);
  const detail = messageOf(exception);
  const kind = KIND_OF_STATUS.get(status);
  if (kind === 'bad_input') return problemOfRefusal(Refusal.invalid('(body)', detail), instance);
  if (kind) return problemOfRefusal(new Refusal(kind, detail), instance);
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance };
}

/** A failure of ours: the client learns nothing of its cause (the log does). */
export function internalProblem(instance: string, status = 500): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Internal Server Error',
    status,
    detail: 'The server could not handle this request; the failure was logged.',
    instance,
  };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
