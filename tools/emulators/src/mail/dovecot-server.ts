import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@escala/db-tools';
import { ImapFlow } from 'imapflow';

const DOVECOT_BINARIES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];
/** Debian's dovecot-core ships it beside the server. */
const DOVEADM = '/usr/bin/doveadm';
export const DOVECOT_INSTALL_HINT =
  'Dovecot is not installed: run `apt-get update && apt-get install -y dovecot-imapd` as root (.ci/run does it on a fresh machine).';

export interface MailUser {
  user: string;
  password: string;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  users: MailUser[];
  /** Folder of the throwaway installation (config, log, maildirs). */
  dir: string;
  /** Puts a raw RFC 5322 message into a mailbox through IMAP APPEND, as a delivery would. */
  append(
    user: string,
    mailbox: string,
    raw: string | Buffer,
    flags?: string[],
  ): Promise<{ uid: number; uidValidity: string }>;
  createMailbox(user: string, mailbox: string): Promise<void>;
  /**
   * Drops a message into the user's INBOX maildir (`new/`), as a local delivery agent does: works
   * while Dovecot is stopped, which IMAP APPEND cannot. Needs a user that has logged in once.
   */
  deliverToMaildir(user: string, raw: string | Buffer): Promise<void>;
  /** Connection options for imapflow (`new ImapFlow({...server.imapOptions('support'), logger: false})`). */
  imapOptions(user: string): { host: string; port: number; secure: false; auth: { user: string; pass: string } };
  /** The server's log, for failure messages. */
  log(): Promise<string>;
  /** How many IMAP sessions of `user` are open (`doveadm who`). */
  sessions(user: string): Promise<number>;
  /** Closes every IMAP session of `user` from the server side (`doveadm kick`), as an admin or a crash would. */
  kick(user: string): Promise<void>;
  /**
   * Stops Dovecot (SIGTERM: every connection drops) and starts it again on the same port and
   * maildirs; `whileDown` runs in between (deliver mail with `deliverToMaildir`).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Dovecot IMAP server (Debian's dovecot-imapd, 2.3 syntax) with a throwaway configuration:
 * 127.0.0.1 on a free port, plaintext login, passwd-file users, maildirs in a temp folder. Needs
 * root (Dovecot drops mail access to `nobody`). Missing Dovecot is an error, never a skip.
 */
export async function startDovecot(
  options: {
    users?: MailUser[];
    /** Also take XOAUTH2/OAUTHBEARER logins, validated by this RFC 7662 introspection URL (passdb oauth2). */
    oauth2IntrospectionUrl?: string;
    /** false: the server does not offer IDLE after login, as some gateways and old servers do. */
    idle?: boolean;
  } = {},
): Promise<DovecotServer> {
  const binary = DOVECOT_BINARIES.find((path) => existsSync(path));
  if (!binary) throw new Error(DOVECOT_INSTALL_HINT);
  if (process.getuid?.() !== 0)
    throw new Error('startDovecot runs Dovecot as root with a throwaway config: run the tests as root.');
  const users = options.users ?? [{ user: 'suporte', password: 'suporte-test-password' }];
  const dir = await mkdtemp(join(tmpdir(), 'escala-dovecot-'));
  await chmod(dir, 0o755);
  const home = join(dir, 'home');
  await mkdir(home);
  await chmod(home, 0o1777);
  const port = await freePort();
  await writeFile(join(dir, 'users'), users.map(({ user, password }) => `${user}:{PLAIN}${password}::::::\n`).join(''));
  await writeFile(
    join(dir, 'dovecot.conf'),
    config(dir, port, options.oauth2IntrospectionUrl !== undefined) + (options.idle === false ? WITHOUT_IDLE : ''),
  );
  if (options.oauth2IntrospectionUrl)
    await writeFile(join(dir, 'oauth2.conf.ext'), oauth2Config(options.oauth2IntrospectionUrl));

  const configFile = join(dir, 'dovecot.conf');
  let output = '';
  const log = async () => `${output}${await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '')}`;
  const launch = async (): Promise<ChildProcess> => {
    const started = spawn(binary, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk) => (output += chunk));
    started.stderr?.on('data', (chunk) => (output += chunk));
    try {
      await waitForPort(port, started);
    } catch (error) {
      started.kill('SIGKILL');
      throw new Error(`Dovecot did not start: ${(error as Error).message}\n${await log()}`);
    }
    return started;
  };
  const terminate = async (running: ChildProcess) => {
    if (running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  const doveadm = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(DOVEADM, ['-c', configFile, ...args], (error, stdout, stderr) =>
        error ? reject(new Error(`doveadm ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
  let child = await launch();

  const withClient = async <T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({ ...imapOptions(user), logger: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  };
  const imapOptions = (user: string) => {
    const account = users.find((candidate) => candidate.user === user);
    if (!account) throw new Error(`no mail user ${user}`);
    return { host: '127.0.0.1', port, secure: false as const, auth: { user, pass: account.password } };
  };

  return {
    host: '127.0.0.1',
    port,
    users,
    dir,
    imapOptions,
    log,
    append: (user, mailbox, raw, flags = []) =>
      withClient(user, async (client) => {
        const result = await client.append(mailbox, raw, flags);
        if (!result || result.uid === undefined) throw new Error(`APPEND to ${mailbox} returned no UID`);
        return { uid: result.uid, uidValidity: String(result.uidValidity) };
      }),
    createMailbox: (user, mailbox) =>
      withClient(user, async (client) => {
        await client.mailboxCreate(mailbox);
      }),
    async deliverToMaildir(user, raw) {
      const maildir = join(home, user, 'Maildir');
      if (!existsSync(maildir)) throw new Error(`${user} has no maildir yet: log in or append once first`);
      const name = `${Date.now()}.${randomUUID()}.escala-emulators`;
      // Written aside and renamed in, so Dovecot never reads half a message.
      await writeFile(join(maildir, 'tmp', name), raw);
      await rename(join(maildir, 'tmp', name), join(maildir, 'new', name));
    },
    async sessions(user) {
      // `who -1`: a header, then one line per session: user, protocol, pid, address.
      const lines = (await doveadm('who', '-1', user)).split('\n').slice(1);
      return lines.filter((line) => line.trim().split(/\s+/)[1] === 'imap').length;
    },
    async kick(user) {
      await doveadm('kick', user);
    },
    async restart(whileDown) {
      await terminate(child);
      await whileDown?.();
      child = await launch();
    },
    async stop() {
      await terminate(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function config(dir: string, port: number, oauth2: boolean): string {
  return `# Throwaway Dovecot 2.3 configuration written by @escala/emulators.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2 ? ' xoauth2 oauthbearer' : ''}
# Real servers wait 2 s before refusing a bad password; tests need not.
auth_failure_delay = 0
mail_location = maildir:~/Maildir
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
${
  oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
`
    : ''
}userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/home/%u
}
protocol imap {
  mail_max_userip_connections = 200
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Dovecot 2.3's capabilities after login, IDLE left out (the setting replaces the whole list). */
const WITHOUT_IDLE = `imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE LITERAL+ SPECIAL-USE
`;

/** The token is valid when introspection answers it active; its `username` is the mailbox. */
function oauth2Config(introspectionUrl: string): string {
  return `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
username_format = %u
active_attribute = active
active_value = true
timeout_msecs = 5000
`;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after 10 s`);
}
