import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { UserSchema } from '../persistence/entities/index.js';
import { AuditRecordSchema } from '../persistence/entities/index.js';
import { hashPassword } from '../auth/password-hasher.js';
import { generatePassword } from './users.service.js';

export interface BootstrapOutcome {
  created: boolean;
  login: string;
  /** Present only when the password was generated here and must be shown once. */
  generatedPassword?: string;
}

// Any fixed number: serialises concurrent first starts of several instances.
const BOOTSTRAP_LOCK = 7_311_001;

/** On an empty database, creates the first admin so someone can log in. */
export async function ensureBootstrapAdmin(em: EntityManager, password: string | undefined): Promise<BootstrapOutcome> {
  const login = 'admin';
  return em.fork().transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK]);
    if ((await tx.count(UserSchema, {})) > 0) return { created: false, login };
    const chosen = password ?? generatePassword();
    const id = randomUUID();
    tx.create(UserSchema, {
      id,
      login,
      displayName: 'Administrador',
      email: null,
      passwordHash: await hashPassword(chosen),
      roles: ['admin'],
      active: true,
    });
    tx.create(AuditRecordSchema, {
      occurredAt: new Date(),
      actorId: null,
      actorLabel: 'system:bootstrap',
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      before: null,
      after: { login, roles: ['admin'] },
    });
    return { created: true, login, ...(password ? {} : { generatedPassword: chosen }) };
  });
}
