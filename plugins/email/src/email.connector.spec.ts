import { randomUUID } from 'node:crypto';
import { ConnectorError } from '@escala/connector-kit';
import { connectorContractTests } from '@escala/connector-kit/testing';
import { startDovecot, startSmtpCapture } from '@escala/emulators';
import { emailConnector } from './email.connector.js';

const USER = { user: 'suporte', password: 'contract-test-password' };
const CUSTOMER_ADDRESS = 'maria@exemplo.com.br';

connectorContractTests(emailConnector, {
  async startService() {
    const [dovecot, smtp] = await Promise.all([startDovecot({ users: [USER] }), startSmtpCapture()]);
    await dovecot.createMailbox(USER.user, 'Sent');
    return {
      config: {
        address: 'suporte@escala.test',
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapSecure: false,
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpIgnoreTls: true,
        username: USER.user,
        password: USER.password,
        messageIdDomain: 'escala.test',
        signingKey: 'chave-de-assinatura-do-teste-de-contrato',
      },
      // Our Message-ID derives from the reply's entry, not the delivery key: the suite's one reply is one mail.
      effects: () => smtp.messages.length,
      async addInboundItem() {
        await dovecot.append(
          USER.user,
          'INBOX',
          [
            `From: Maria <${CUSTOMER_ADDRESS}>`,
            'To: suporte@escala.test',
            `Subject: Nota fiscal rejeitada ${randomUUID()}`,
            `Message-ID: <${randomUUID()}@mail.exemplo.com.br>`,
            'Date: Thu, 03 Dec 2026 10:00:00 -0300',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'A nota fiscal foi rejeitada pela SEFAZ.',
            '',
          ].join('\r\n'),
        );
      },
      async stop() {
        await Promise.all([smtp.stop(), dovecot.stop()]);
      },
    };
  },
  // The sender is a contact: the new mail opens a ticket instead of waiting in the held list.
  prepareChannel(port) {
    port.addCustomer({ name: 'Contabilidade Exemplo', contacts: [CUSTOMER_ADDRESS] });
  },
  invalidConfigs: [
    { config: {}, field: 'address' },
    {
      config: {
        address: 'suporte@escala.test',
        imapHost: 'imap.test',
        smtpHost: 'smtp.test',
        username: 'u',
        messageIdDomain: 'escala.test',
        signingKey: 'k'.repeat(40),
      },
      field: 'password',
    },
    {
      config: {
        address: 'suporte@escala.test',
        imapHost: 'imap.test',
        smtpHost: 'smtp.test',
        username: 'u',
        auth: 'xoauth2',
        oauthClientId: 'id',
        oauthClientSecret: 's',
        oauthScope: 'x',
        messageIdDomain: 'escala.test',
        signingKey: 'k'.repeat(40),
      },
      field: 'oauthTokenUrl',
    },
    {
      config: {
        address: 'suporte@escala.test',
        imapHost: 'imap.test',
        smtpHost: 'smtp.test',
        username: 'u',
        password: 'p',
        messageIdDomain: 'escala.test',
        signingKey: 'short',
      },
      field: 'signingKey',
    },
  ],
  vendorErrors: [
    {
      name: "imapflow's failed LOGIN",
      error: Object.assign(new Error('Command failed'), { authenticationFailed: true, serverResponseCode: undefined }),
      kind: 'authentication',
    },
    {
      name: "Dovecot's temporary authentication failure (its token validation is down)",
      error: Object.assign(new Error('Command failed'), {
        authenticationFailed: true,
        serverResponseCode: 'UNAVAILABLE',
        responseText: 'Temporary authentication failure.',
      }),
      kind: 'temporary',
    },
    {
      name: "nodemailer's 535 on AUTH",
      error: Object.assign(new Error('Invalid login: 535 5.7.8 Authentication credentials invalid'), {
        code: 'EAUTH',
        responseCode: 535,
      }),
      kind: 'authentication',
    },
    {
      name: 'a 451 greylisting deferral',
      error: Object.assign(new Error('451 4.7.1 Greylisted, try again later'), {
        code: 'EENVELOPE',
        responseCode: 451,
      }),
      kind: 'temporary',
    },
    {
      name: 'a 550 unknown recipient',
      error: Object.assign(new Error('550 5.1.1 User unknown'), { code: 'EENVELOPE', responseCode: 550 }),
      kind: 'permanent',
    },
    {
      name: 'a refused connection',
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:993'), { code: 'ECONNREFUSED' }),
      kind: 'temporary',
    },
    {
      name: 'a missing mailbox',
      error: Object.assign(new Error('Command failed'), {
        code: 'NONEXISTENT',
        responseText: "Mailbox doesn't exist: Enviados",
      }),
      kind: 'invalid_configuration',
    },
    {
      name: 'a token endpoint refusing the client',
      error: ConnectorError.authentication('the token endpoint refused the client (401)'),
      kind: 'authentication',
    },
  ],
});
