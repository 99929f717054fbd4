import { secret } from '@escala/connector-kit';
import { z } from 'zod';

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65_535);
const address = z
  .email()
  .max(320)
  .transform((value) => value.toLowerCase());
/** An address, or `@domain` for everyone at a domain. */
const senderPattern = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([^@\s]+@|@)[^@\s]+\.[^@\s]+$/, 'must be an e-mail address or @domain');

/**
 * One inbox = one channel. Secrets are top-level fields (the platform seals them): the IMAP/SMTP
 * password, the OAuth client secret for XOAUTH2, and the key that signs our Message-IDs.
 */
export const emailConfigSchema = z
  .strictObject({
    address: address.describe('The support address customers write to (From of our replies)'),
    displayName: z.string().trim().min(1).max(100).default('Suporte').describe('Name shown beside the address'),
    imapHost: host.describe('IMAP server'),
    imapPort: port.default(993),
    imapSecure: z.boolean().default(true).describe('TLS from the first byte (993); false for plain/STARTTLS'),
    smtpHost: host.describe('SMTP server'),
    smtpPort: port.default(587),
    smtpSecure: z.boolean().default(false).describe('TLS from the first byte (465)'),
    smtpIgnoreTls: z.boolean().default(false).describe('Never upgrade with STARTTLS (local test servers only)'),
    username: z.string().trim().min(1).max(320).describe('Login for IMAP and SMTP'),
    auth: z.enum(['password', 'xoauth2']).default('password'),
    password: secret(z.string().min(1).max(1000)).optional().describe('When auth is password'),
    oauthTokenUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('OAuth 2 token endpoint (client credentials)'),
    oauthClientId: z.string().trim().min(1).max(200).optional(),
    oauthClientSecret: secret(z.string().min(1).max(1000)).optional(),
    oauthScope: z.string().trim().min(1).max(500).optional().describe('e.g. https://outlook.office365.com/.default'),
    mailbox: z.string().trim().min(1).max(200).default('INBOX'),
    sentMailbox: z.string().trim().min(1).max(200).default('Sent'),
    smtpSavesSentCopy: z
      .boolean()
      .default(false)
      .describe('The SMTP service files its own copy in the sent folder (Microsoft 365, Gmail)'),
    messageIdDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain name')
      .describe('Right-hand side of our Message-IDs'),
    signingKey: secret(z.string().min(32, 'must be at least 32 characters')).describe('Signs our Message-IDs'),
    category: z.string().trim().min(1).max(80).optional().describe('Category key new tickets get: it routes them'),
    prioritySenders: z
      .array(senderPattern)
      .max(500)
      .default([])
      .describe('Addresses or @domains whose mail is priority'),
    trustPriorityHeaders: z
      .boolean()
      .default(false)
      .describe('Also take X-Priority/Importance from known customers as priority (bulk senders abuse them)'),
    maxAttachmentBytes: z.number().int().min(0).max(100_000_000).default(10_000_000),
    senderLimitPerHour: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(20)
      .describe('New tickets one sender may open per hour'),
    acknowledgeNewTickets: z.boolean().default(false).describe('Send an automatic acknowledgement of new tickets'),
    batchSize: z.number().int().min(1).max(1000).default(200).describe('Messages read per poll'),
    timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
  })
  .superRefine((config, context) => {
    if (config.auth === 'password' && !config.password)
      context.addIssue({ code: 'custom', path: ['password'], message: 'required when auth is password' });
    if (config.auth === 'xoauth2')
      for (const field of ['oauthTokenUrl', 'oauthClientId', 'oauthClientSecret', 'oauthScope'] as const)
        if (!config[field])
          context.addIssue({ code: 'custom', path: [field], message: 'required when auth is xoauth2' });
  });

export type EmailConfig = z.output<typeof emailConfigSchema>;
