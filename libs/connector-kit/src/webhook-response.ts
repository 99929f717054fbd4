import type { WebhookResponse } from './connector-definition.js';

export const WEBHOOK_RESPONSE_MAX_BYTES = 64 * 1024;
const CONTENT_TYPE = /^(text\/plain|application\/json)(\s*;\s*charset=utf-8)?$/i;

/** Why the platform will not send this answer, or null when it will. */
export function webhookResponseProblem(response: WebhookResponse): string | null {
  if (!Number.isInteger(response.status) || response.status < 200 || response.status > 299)
    return `status ${response.status} is not a 2xx: refusals are the platform's to answer`;
  if (typeof response.contentType !== 'string' || !CONTENT_TYPE.test(response.contentType.trim()))
    return `content type ${JSON.stringify(response.contentType)} is not text/plain or application/json`;
  if (typeof response.body !== 'string') return 'the body is not a string';
  if (new TextEncoder().encode(response.body).length > WEBHOOK_RESPONSE_MAX_BYTES)
    return `the body is over ${WEBHOOK_RESPONSE_MAX_BYTES} bytes`;
  return null;
}
