import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startDovecot,
  startOAuthTokenServer,
  startSmtpCapture,
  type DovecotServer,
  type OAuthTokenServer,
  type SmtpCapture,
} from '@escala/emulators';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { createEmailChannel, emailChannelConfig, MAIL_USER, pollUntil } from './support/mail-desk.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CLIENT = {
  clientId: 'escala-caixa-suporte',
  clientSecret: 'segredo-do-cliente-oauth-de-teste',
  username: 'suporte',
};

describe('e-mail over XOAUTH2: a client-credentials token for IMAP and SMTP, validated by a real Dovecot', () => {
  let t: TestApp;
  let team: SupportTeam;
  let oauth: OAuthTokenServer;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let channelId: string;

  const testConnection = async () =>
    (await t.request('POST', `/channels/${channelId}/test`, { token: team.admin })).body as {
      status: string;
      detail?: string;
    };
  const pollState = async () =>
    (
      await queryDatabase<{ last_error_kind: string | null; last_error: string | null }>(
        t.databaseUrl,
        `select last_error_kind, last_error from channel_poll_states where channel_id = $1`,
        [channelId],
      )
    )[0];
  /** Runs the poll now and waits for it to fail with `error`. */
  const pollFailsWith = async (error: RegExp) => {
    await queryDatabase(t.databaseUrl, `update channel_poll_states set next_poll_at = now() where channel_id = $1`, [
      channelId,
    ]);
    return eventually(`a poll failing with ${error}`, async () => {
      const state = await pollState();
      return state?.last_error && error.test(state.last_error) ? state : undefined;
    });
  };

  beforeAll(async () => {
    oauth = await startOAuthTokenServer({ clients: [CLIENT] });
    [t, dovecot, smtp] = await Promise.all([
      startTestApp(FAST_DELIVERY),
      startDovecot({ users: [MAIL_USER], oauth2IntrospectionUrl: oauth.introspectionUrl }),
      startSmtpCapture({ oauth }),
    ]);
    await dovecot.createMailbox(MAIL_USER.user, 'Sent');
    team = await setUpTeam(t, 'n1-n5');
    const config: Record<string, unknown> = {
      ...emailChannelConfig(dovecot, smtp),
      auth: 'xoauth2',
      oauthTokenUrl: oauth.tokenUrl,
      oauthClientId: CLIENT.clientId,
      oauthClientSecret: CLIENT.clientSecret,
      oauthScope: 'https://outlook.office365.com/.default',
    };
    delete config.password;
    channelId = await createEmailChannel(t, team.admin, config);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([smtp?.stop(), dovecot?.stop()]);
    await oauth?.close();
  });

  it('with a good token: healthy, mail in by IMAP, our reply out by SMTP as the mailbox', async () => {
    expect(await testConnection()).toMatchObject({ status: 'healthy' });
    const uid = (
      await dovecot.append(
        MAIL_USER.user,
        'INBOX',
        [
          'From: Maria <maria@exemplo.com.br>',
          'To: suporte@escala.test',
          'Subject: Certificado vencido',
          'Message-ID: <xoauth2-1@exemplo.com.br>',
          'Date: Thu, 03 Dec 2026 10:00:00 -0300',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'O certificado digital venceu ontem.',
          '',
        ].join('\r\n'),
      )
    ).uid;
    await pollUntil(t.databaseUrl, channelId, uid);
    const [ticket] = await queryDatabase<{ id: string }>(t.databaseUrl, `select id from tickets where subject = $1`, [
      'Certificado vencido',
    ]);
    const view = await t.request('GET', `/tickets/${ticket!.id}`, { token: team.admin });
    await t.request('POST', `/tickets/${ticket!.id}/entries`, {
      token: team.people[view.body.unitKey]!.token,
      body: { kind: 'public', body: 'Olá Maria, renove o certificado no portal.' },
    });
    const sent = await eventually('our reply at the SMTP listener', async () =>
      smtp.messages.find((m) => m.parsed.text?.includes('renove o certificado')),
    );
    expect(sent.user).toBe('suporte');
    expect(oauth.refused()).toEqual([]);
  });

  it('a token the mail server does not accept (expired on arrival) makes the channel unhealthy, clearly', async () => {
    oauth.setTokenLifetime(0);
    const report = await testConnection();
    expect(report.status).toBe('unhealthy');
    expect(report.detail).toMatch(/^the mail server refused the login: /);
    expect(await pollFailsWith(/^the mail server refused the login: /)).toMatchObject({
      last_error_kind: 'authentication',
    });
    oauth.setTokenLifetime(3600);
  });

  it('a client the token endpoint refuses (secret revoked) makes the channel unhealthy, naming the endpoint', async () => {
    oauth.disableClient(CLIENT.clientId);
    expect(await testConnection()).toEqual(
      expect.objectContaining({ status: 'unhealthy', detail: 'the token endpoint refused the client (401)' }),
    );
    expect(await pollFailsWith(/^the token endpoint refused the client \(401\)$/)).toMatchObject({
      last_error_kind: 'authentication',
    });
  });

  it('never logs the client secret nor a token', async () => {
    const tokens = oauth.received
      .filter((request) => request.path === '/introspect')
      .map((request) => (request.body as { token: string }).token);
    expect(tokens.length).toBeGreaterThan(0);
    const logs = t.logs.join('\n');
    for (const secret of [CLIENT.clientSecret, ...tokens]) expect(logs).not.toContain(secret);
    const channel = await t.request('GET', `/channels/${channelId}`, { token: team.admin });
    expect(JSON.stringify(channel.body)).not.toContain(CLIENT.clientSecret);
  });
});
