import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details.js';

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

/** Each documented answer, with an example a client author can read. */
const RESPONSES: Record<string, { status: string; description: string; example: Record<string, unknown> }> = {
  BadInput: {
    status: '400',
    description: 'Bad input: the fields at fault are named in `errors`.',
    example: {
      type: problemType('bad_input'),
      title: 'Bad input',
      status: 400,
      detail: 'subject: Too small: expected string to have >=1 characters',
      instance: '/tickets',
      errors: [{ field: 'subject', message: 'Too small: expected string to have >=1 characters' }],
    },
  },
  Unauthorized: {
    status: '401',
    description: 'No bearer token, or one that is unknown, expired or revoked.',
    example: {
      type: problemType('unauthorized'),
      title: 'Authentication required',
      status: 401,
      detail: 'A bearer token is required (Authorization: Bearer <token>)',
      instance: '/tickets',
    },
  },
  Forbidden: {
    status: '403',
    description: 'The caller may not do this (role, unit, or a playbook rule).',
    example: {
      type: problemType('forbidden'),
      title: 'Forbidden',
      status: 403,
      detail: 'This action needs one of the roles: admin',
      instance: '/users',
    },
  },
  NotFound: {
    status: '404',
    description: 'Nothing is known by this id (or this route does not exist).',
    example: {
      type: problemType('not_found'),
      title: 'Not found',
      status: 404,
      detail: 'No ticket with id 00000000-0000-4000-8000-000000000000',
      instance: '/tickets/00000000-0000-4000-8000-000000000000',
    },
  },
  Conflict: {
    status: '409',
    description:
      'The current state refuses the action: `blocking` says what stands in the way, `allowed` what would do.',
    example: {
      type: problemType('conflict'),
      title: 'Conflict',
      status: 409,
      detail: 'A ticket cannot go from closed to new; allowed: in_analysis',
      instance: '/tickets/3f1c…/status',
      allowed: ['in_analysis'],
    },
  },
  Problem: {
    status: 'default',
    description: 'Any other error, in the same shape.',
    example: {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not handle this request; the failure was logged.',
      instance: '/tickets',
    },
  },
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
