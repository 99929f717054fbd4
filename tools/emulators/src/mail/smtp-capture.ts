import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface CapturedMail {
  envelope: { from: string | undefined; to: string[] };
  /** The message exactly as received (after the SMTP dot-unstuffing). */
  raw: Buffer;
  parsed: ParsedMail;
  /** The login name, when the client authenticated. */
  user?: string;
}

export interface SmtpRejection {
  /** When to refuse: at RCPT TO or after DATA. */
  stage: 'rcpt' | 'data';
  /** SMTP reply code: 4xx temporary (451, 452), 5xx permanent (550, 552). */
  code: number;
  message?: string;
}

export interface SmtpCapture {
  host: '127.0.0.1';
  port: number;
  messages: CapturedMail[];
  /** Resolves when at least `count` messages have been accepted. */
  waitForMessages(count: number): Promise<CapturedMail[]>;
  /** The next `count` transactions are refused at `stage` with `code`. */
  rejectNext(count: number, rejection: SmtpRejection): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP listener (`smtp-server`) on 127.0.0.1 that keeps every accepted message, parsed with
 * mailparser. No TLS (STARTTLS disabled: nodemailer needs `ignoreTLS: true`); AUTH only when users
 * are given, and then required.
 */
export async function startSmtpCapture(
  options: {
    users?: Array<{ user: string; password: string }>;
    /** Also take AUTH XOAUTH2: the mailbox a bearer token opens, null when it opens none (an OAuth server's `usernameOf`). */
    oauth?: { usernameOf(token: string): string | null };
  } = {},
): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const arrivals = new EventEmitter();
  const rejections: Array<SmtpRejection & { remaining: number }> = [];
  const takeRejection = (stage: SmtpRejection['stage']) => {
    const next = rejections.find((rejection) => rejection.stage === stage);
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) rejections.splice(rejections.indexOf(next), 1);
    return Object.assign(new Error(next.message ?? `${next.code} rejected by the test`), { responseCode: next.code });
  };
  const { users, oauth } = options;
  const authenticates = users !== undefined || oauth !== undefined;
  const server = new SMTPServer({
    disabledCommands: authenticates ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !authenticates,
    authMethods: oauth ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        const owner = auth.accessToken ? oauth?.usernameOf(auth.accessToken) : null;
        if (!owner || owner !== auth.username)
          return callback(
            Object.assign(new Error('Invalid credentials: the token is not valid for this user'), {
              responseCode: 535,
            }),
          );
        return callback(null, { user: owner });
      }
      const account = users?.find(
        (candidate) => candidate.user === auth.username && candidate.password === auth.password,
      );
      if (!account) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: account.user });
    },
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      callback(takeRejection('rcpt') ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const rejection = takeRejection('data');
        if (rejection) return callback(rejection);
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
              raw,
              parsed,
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            arrivals.emit('message');
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    async waitForMessages(count) {
      while (messages.length < count) await once(arrivals, 'message');
      return messages;
    },
    rejectNext(count, rejection) {
      rejections.push({ ...rejection, remaining: count });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
