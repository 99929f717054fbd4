import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startDovecot,
  startOAuthTokenServer,
  startSmtpCapture,
  type DovecotServer,
  type OAuthTokenServer,
  type SmtpCapture,
} from '../src/index.js';

const MESSAGE = (id: string, subject: string) =>
  [
    'From: Cliente <cliente@acme.com.br>',
    'To: suporte@escala.test',
    `Subject: ${subject}`,
    `Message-ID: <${id}@acme.com.br>`,
    'Date: Thu, 03 Dec 2026 08:00:00 -0300',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'O sistema n=E3o emite a nota.',
    '',
  ].join('\r\n');

describe('Dovecot', () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(() => dovecot?.stop());

  it('takes appended messages and serves them over IMAP with a stable UIDVALIDITY', async () => {
    const first = await dovecot.append('suporte', 'INBOX', MESSAGE('m1', 'Erro na nota fiscal'));
    const second = await dovecot.append('suporte', 'INBOX', MESSAGE('m2', 'RES: Erro na nota fiscal'), ['\\Seen']);
    expect(second.uid).toBeGreaterThan(first.uid);
    expect(second.uidValidity).toBe(first.uidValidity);

    const client = new ImapFlow({ ...dovecot.imapOptions('suporte'), logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const fetched = [];
        for await (const message of client.fetch('1:*', { uid: true, envelope: true, flags: true }, { uid: true }))
          fetched.push({ uid: message.uid, subject: message.envelope?.subject, seen: message.flags?.has('\\Seen') });
        expect(fetched).toEqual([
          { uid: first.uid, subject: 'Erro na nota fiscal', seen: false },
          { uid: second.uid, subject: 'RES: Erro na nota fiscal', seen: true },
        ]);
        expect(String(client.mailbox && client.mailbox.uidValidity)).toBe(first.uidValidity);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });

  it('creates other mailboxes and refuses a wrong password', async () => {
    await dovecot.createMailbox('suporte', 'Enviados');
    await dovecot.append('suporte', 'Enviados', MESSAGE('m3', 'Resposta'));
    const intruder = new ImapFlow({
      ...dovecot.imapOptions('suporte'),
      auth: { user: 'suporte', pass: 'wrong' },
      logger: false,
    });
    intruder.on('error', () => undefined);
    await expect(intruder.connect()).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('counts, kicks and outlives (restart) the open sessions, keeping the mail', async () => {
    const connected = async () => {
      const client = new ImapFlow({ ...dovecot.imapOptions('suporte'), logger: false });
      client.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => client.once('close', resolve));
      await client.connect();
      await client.mailboxOpen('INBOX');
      return { closed };
    };
    const kicked = await connected();
    expect(await dovecot.sessions('suporte')).toBe(1);
    await dovecot.kick('suporte');
    await kicked.closed;
    expect(await dovecot.sessions('suporte')).toBe(0);
    const dropped = await connected();
    await dovecot.restart(() => dovecot.deliverToMaildir('suporte', MESSAGE('m4', 'Entregue com o servidor parado')));
    await dropped.closed;
    const again = await dovecot.append('suporte', 'INBOX', MESSAGE('m5', 'Depois do reinício'));
    const client = new ImapFlow({ ...dovecot.imapOptions('suporte'), logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const subjects = [];
        for await (const message of client.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject);
        expect(subjects).toEqual(expect.arrayContaining(['Entregue com o servidor parado', 'Depois do reinício']));
        expect(again.uid).toBeGreaterThan(2);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });
});

describe('SMTP capture', () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture({ users: [{ user: 'escala', password: 'smtp-test-password' }] });
  });
  afterAll(() => smtp?.stop());

  const transport = () =>
    createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'escala', pass: 'smtp-test-password' },
    });

  it('keeps what nodemailer sent, parsed, with its envelope', async () => {
    await transport().sendMail({
      from: 'suporte@escala.test',
      to: 'cliente@acme.com.br',
      cc: 'gerente@acme.com.br',
      subject: '[#123] Re: Erro na nota fiscal',
      messageId: '<t123.e456.abc@escala.test>',
      inReplyTo: '<m1@acme.com.br>',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Olá, estamos verificando.',
    });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.envelope).toEqual({ from: 'suporte@escala.test', to: ['cliente@acme.com.br', 'gerente@acme.com.br'] });
    expect(mail!.user).toBe('escala');
    expect(mail!.parsed).toMatchObject({
      subject: '[#123] Re: Erro na nota fiscal',
      messageId: '<t123.e456.abc@escala.test>',
      inReplyTo: '<m1@acme.com.br>',
      text: 'Olá, estamos verificando.\n',
    });
    expect(mail!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('refuses the next transaction with a temporary error when told to', async () => {
    smtp.rejectNext(1, { stage: 'rcpt', code: 451, message: 'Try again later' });
    await expect(
      transport().sendMail({ from: 'suporte@escala.test', to: 'x@acme.com.br', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 451 });
    const unauthenticated = createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
    await expect(
      unauthenticated.sendMail({ from: 'a@b.c', to: 'x@acme.com.br', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 530 });
  });
});

describe('XOAUTH2: the OAuth token server behind Dovecot (passdb oauth2) and the SMTP listener', () => {
  const client = { clientId: 'escala-mail', clientSecret: 'client-secret-for-tests', username: 'suporte' };
  let oauth: OAuthTokenServer;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  beforeAll(async () => {
    oauth = await startOAuthTokenServer({ clients: [client] });
    [dovecot, smtp] = await Promise.all([
      startDovecot({ oauth2IntrospectionUrl: oauth.introspectionUrl }),
      startSmtpCapture({ oauth }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), smtp?.stop()]);
    await oauth?.close();
  });

  const token = async (secret = client.clientSecret) => {
    const response = await fetch(oauth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: secret,
        scope: 'https://outlook.office365.com/.default',
      }),
    });
    return { status: response.status, body: (await response.json()) as { access_token?: string; error?: string } };
  };
  const imapLogin = async (accessToken: string) => {
    const imap = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: 'suporte', accessToken },
      logger: false,
    });
    imap.on('error', () => undefined);
    await imap.connect();
    await imap.logout();
  };
  const smtpSend = (accessToken: string) =>
    createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      auth: { type: 'OAuth2', user: 'suporte', accessToken },
    }).sendMail({ from: 'suporte@escala.test', to: 'cliente@acme.com.br', subject: 'Teste', text: 'ok' });

  it('issues a client-credentials token that opens IMAP and SMTP, and refuses a wrong secret', async () => {
    const good = await token();
    expect(good.status).toBe(200);
    await imapLogin(good.body.access_token!);
    await smtpSend(good.body.access_token!);
    expect(smtp.messages.at(-1)?.user).toBe('suporte');
    expect(await token('wrong')).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'client authentication failed' },
    });
  });

  it('a revoked token opens neither', async () => {
    const { body } = await token();
    oauth.revokeTokens();
    await expect(imapLogin(body.access_token!)).rejects.toMatchObject({ authenticationFailed: true });
    await expect(smtpSend(body.access_token!)).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
  });
});
