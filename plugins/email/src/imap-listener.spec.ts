import { randomUUID } from 'node:crypto';
import { LISTEN_UNSUPPORTED } from '@escala/connector-kit';
import { InMemoryCorePort } from '@escala/connector-kit/testing';
import { startDovecot } from '@escala/emulators';
import { describe, expect, it } from 'vitest';
import { emailConfigSchema } from './email.config.js';
import { listenMailbox } from './imap-listener.js';

const USER = { user: 'suporte', password: 'listener-test-password' };

describe('the IDLE listener', () => {
  it('answers unsupported when the server offers no IDLE, so the channel stays on its poll interval', async () => {
    const dovecot = await startDovecot({ users: [USER], idle: false });
    try {
      const config = emailConfigSchema.parse({
        address: 'suporte@escala.test',
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapSecure: false,
        smtpHost: '127.0.0.1',
        username: USER.user,
        password: USER.password,
        messageIdDomain: 'escala.test',
        signingKey: 'k'.repeat(40),
      });
      const heard: string[] = [];
      const outcome = await listenMailbox(
        { channelId: randomUUID(), config, signal: AbortSignal.timeout(10_000), port: new InMemoryCorePort() },
        { listening: () => heard.push('listening'), wake: () => heard.push('wake') },
      );
      expect(outcome).toBe(LISTEN_UNSUPPORTED);
      expect(heard).toEqual([]);
      expect(await dovecot.sessions(USER.user)).toBe(0);
    } finally {
      await dovecot.stop();
    }
  });
});
