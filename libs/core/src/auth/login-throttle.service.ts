import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal } from '@escala/domain';
import { AuthSettings } from './auth-settings.js';

/**
 * Slows password guessing per login, across every server instance (the failures live in the
 * database): after too many failures in the window, further attempts get 429 until it passes.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: AuthSettings,
  ) {}

  async assertAllowed(login: string): Promise<void> {
    const { loginMaxFailures, loginWindowMinutes } = this.settings;
    const [row] = await this.em.execute<{ failures: string; oldest: Date | null }[]>(
      `select count(*) as failures, min(failed_at) as oldest from login_failures
        where login_key = ? and failed_at > now() - make_interval(mins => ?)`,
      [key(login), loginWindowMinutes],
    );
    if (!row || Number(row.failures) < loginMaxFailures || !row.oldest) return;
    const retryAfter = Math.max(
      1,
      Math.ceil((new Date(row.oldest).getTime() + loginWindowMinutes * 60_000 - Date.now()) / 1000),
    );
    throw Refusal.tooManyRequests(`Too many failed logins; try again in ${retryAfter} s`, retryAfter);
  }

  async recordFailure(login: string): Promise<void> {
    await this.em.execute('insert into login_failures (login_key, failed_at) values (?, now())', [key(login)]);
  }

  async clear(login: string): Promise<void> {
    await this.em.execute('delete from login_failures where login_key = ?', [key(login)]);
  }
}

const key = (login: string) => login.trim().toLowerCase();
