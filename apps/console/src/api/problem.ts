/** One refusal, whatever shape the server used to say it. */
export interface Problem {
  status: number;
  title: string;
  detail: string | null;
  /** Bad input: which field, and what is wrong with it. */
  fieldErrors: { field: string; message: string }[];
  /** A conflict: what blocks the action (pending items, allowed targets, missing steps). */
  blocking: Record<string, unknown>[];
  /** Extra members the server sent (e.g. `allowed`, `next`), kept for the screens that know them. */
  extra: Record<string, unknown>;
}

const KNOWN = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors', 'statusCode', 'message', 'error']);
const BLOCKING_KEYS = ['blocking', 'pending', 'missing', 'blockers'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a refusal in the RFC 9457 shape (`type`, `title`, `status`, `detail`, `errors`, a list of
 * blocking items) and in the shape the API answered before it (`statusCode`, `message`, `errors`,
 * `pending`), so every screen shows refusals through one helper.
 */
export function readProblem(status: number, body: unknown): Problem {
  const record = isRecord(body) ? body : {};
  const message = Array.isArray(record.message) ? record.message.join('; ') : record.message;
  const title = typeof record.title === 'string' ? record.title : typeof record.error === 'string' ? record.error : '';
  const detail =
    typeof record.detail === 'string'
      ? record.detail
      : typeof message === 'string'
        ? message
        : typeof body === 'string' && body
          ? body
          : null;
  const fieldErrors = (Array.isArray(record.errors) ? record.errors : [])
    .filter(isRecord)
    .map((error) => ({ field: String(error.field ?? error.path ?? ''), message: String(error.message ?? '') }));
  const blockingKey = BLOCKING_KEYS.find((key) => Array.isArray(record[key]));
  const blocking = blockingKey ? (record[blockingKey] as unknown[]).filter(isRecord) : [];
  const extra = Object.fromEntries(Object.entries(record).filter(([key]) => !KNOWN.has(key) && key !== blockingKey));
  return {
    status: typeof record.status === 'number' ? record.status : status,
    title,
    detail,
    fieldErrors,
    blocking,
    extra,
  };
}

/** The message for one field, for forms that show a refusal next to the field it names. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  return problem?.fieldErrors.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message;
}

/** Thrown by {@link unwrap} so that react-query and forms receive one error type. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** The data of an openapi-fetch answer, or a {@link ProblemError} carrying the refusal. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ProblemError(readProblem(result.response.status, result.error));
  return result.data as T;
}
