import { z } from 'zod';

const KIND_TYPES = [
  'bad-input',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'too-many-requests',
  'unavailable',
].map((slug) => `https://escala.dev/problems/${slug}`);

/** The one error body of the API, as docs/errors.md describes it; strict, so a stray key fails. */
const Problem = z
  .strictObject({
    type: z.union([z.enum(KIND_TYPES), z.literal('about:blank')]),
    title: z.string().min(1),
    status: z.number().int().min(400).max(599),
    detail: z.string().min(1),
    instance: z.string().startsWith('/'),
    errors: z
      .array(z.strictObject({ field: z.string().min(1), message: z.string().min(1) }))
      .min(1)
      .optional(),
    blocking: z
      .array(z.looseObject({ kind: z.string().min(1) }))
      .min(1)
      .optional(),
    allowed: z.array(z.string()).optional(),
    retryAfter: z.number().int().positive().optional(),
  })
  .refine((problem) => (problem.type.endsWith('/bad-input') ? problem.errors !== undefined : true), {
    message: 'a bad-input problem names its fields in `errors`',
  });

/**
 * Checks an error answer against the one documented shape; the test client runs it on every answer
 * of 400 and above, so each refusal case of every suite is walked.
 */
export function problemShapeViolation(
  request: { path: string },
  response: { status: number; contentType: string | null; body: unknown },
): string | null {
  if (!response.contentType?.startsWith('application/problem+json'))
    return `content type ${response.contentType} is not application/problem+json`;
  const parsed = Problem.safeParse(response.body);
  if (!parsed.success) return z.prettifyError(parsed.error);
  if (parsed.data.status !== response.status) return `status member ${parsed.data.status} ≠ HTTP ${response.status}`;
  const path = request.path.split('?')[0];
  if (parsed.data.instance !== path) return `instance ${parsed.data.instance} ≠ ${path}`;
  return null;
}
