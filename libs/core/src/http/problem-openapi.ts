import type { OpenAPIObject } from '@nestjs/swagger';
import { Refusal } from '@escala/domain';
import { internalProblem, PROBLEM_CONTENT_TYPE, problemOfRefusal, type ProblemDetails } from './problem-details.js';

type Operation = {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; every error answer of the API has this shape (docs/errors.md).',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'The problem type: one per refusal kind, stable.' },
    title: { type: 'string', description: 'Short summary of the problem type.' },
    status: { type: 'integer', description: 'The HTTP status code.' },
    detail: { type: 'string', description: 'What went wrong this time, for a person.' },
    instance: { type: 'string', description: 'The path of the request that was refused.' },
    errors: {
      type: 'array',
      description: 'Bad input: every field at fault (dotted path, `(body)` for the whole body).',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    blocking: {
      type: 'array',
      description: 'Conflict: what must be dealt with first; `kind` says what each item is.',
      items: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
    },
    allowed: {
      type: 'array',
      description: 'Conflict: the values that would be accepted instead.',
      items: { type: 'string' },
    },
    retryAfter: { type: 'integer', description: 'Too many requests: seconds to wait (also `Retry-After`).' },
  },
};

const TICKET_ID = '3f1c9a4e-6a55-4f0e-9a43-0d5c2f1b7e21';
const TICKET = `/tickets/${TICKET_ID}`;

/** Each documented answer, with an example built by the code that builds the real ones. */
const RESPONSES: Record<string, { description: string; example: ProblemDetails }> = {
  BadInput: {
    description: 'Bad input: the fields at fault are named in `errors`.',
    example: problemOfRefusal(Refusal.invalid('toUnit', 'unknown unit "N9"'), `${TICKET}/escalations`),
  },
  Unauthorized: {
    description: 'No bearer token, or one that is unknown, expired or revoked.',
    example: problemOfRefusal(
      Refusal.unauthorized('A bearer token is required (Authorization: Bearer <token>)'),
      '/tickets',
    ),
  },
  Forbidden: {
    description: 'The caller may not do this (role, unit, or a playbook rule).',
    example: problemOfRefusal(Refusal.forbidden('This action needs one of the roles: admin'), '/users'),
  },
  NotFound: {
    description: 'Nothing is known by this id (or this route does not exist).',
    example: problemOfRefusal(Refusal.notFound(`No ticket with id ${TICKET_ID}`), TICKET),
  },
  Conflict: {
    description:
      'The current state refuses the action: `blocking` says what stands in the way, `allowed` what would do.',
    example: problemOfRefusal(
      Refusal.conflict('A ticket cannot go from closed to new; allowed: in_analysis', { allowed: ['in_analysis'] }),
      `${TICKET}/status`,
    ),
  },
  Problem: { description: 'Any other error, in the same shape.', example: internalProblem('/tickets') },
};

const response = (name: string) => ({ $ref: `#/components/responses/${name}` });

/**
 * Adds the problem schema and its responses to the document, and refers every operation to them:
 * 401/403 where a token is needed, 400 where there is input, 404 where the path names something.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, Problem: PROBLEM_SCHEMA as never };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      Object.entries(RESPONSES).map(([name, { description, example }]) => [
        name,
        {
          description,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' }, example } },
        },
      ]),
    ),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const refusals: Record<string, unknown> = {};
      if (operation.requestBody || operation.parameters?.some((p) => p.in === 'query'))
        refusals['400'] = response('BadInput');
      if (operation.security?.length) {
        refusals['401'] = response('Unauthorized');
        refusals['403'] = response('Forbidden');
      }
      if (path.includes('{')) refusals['404'] = response('NotFound');
      refusals.default = response('Problem');
      operation.responses = { ...refusals, ...operation.responses };
    }
  }
  return document;
}
