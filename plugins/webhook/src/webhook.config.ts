import { secret } from '@escala/connector-kit';
import { z } from 'zod';

/** What an admin fills in for one channel of this connector. `secret()` fields are stored encrypted. */
export const webhookConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).describe('Where deliveries are sent'),
  apiToken: secret(z.string().min(8, 'must be at least 8 characters')).optional().describe('Sent as a bearer token'),
  signingSecret: secret(z.string().min(16, 'must be at least 16 characters'))
    .optional()
    .describe('Shared secret of the X-Escala-Signature HMAC: signs what we send, and must sign what we receive'),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000).describe('How long one call may take'),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
