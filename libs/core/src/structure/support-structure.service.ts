import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  STRUCTURE_PRESETS,
  routeByCategory,
  structureChanges,
  validateStructure,
  type SupportStructure,
} from '@escala/domain';
import type { Actor } from '../audit/audit.service.js';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import {
  SupportStructureVersionSchema,
  UserSchema,
  type SupportStructureVersion,
} from '../persistence/entities/index.js';
import { CachedSetting, SETTINGS_CACHE_MS } from '../settings/cached-setting.js';
import type { CreateStructureVersionInput } from './structure.schemas.js';

// Serialises concurrent saves so versions stay gap-free and ordered.
const VERSION_LOCK = 7_311_003;
/** Saved versions never change, so their definitions are kept without expiry (a few per year). */
const MAX_KEPT_DEFINITIONS = 200;

type VersionFacts = Pick<SupportStructureVersion, 'version' | 'preset' | 'note' | 'createdBy' | 'createdAt'>;

export interface ActiveStructure {
  version: number;
  structure: SupportStructure;
}

/** The support structure as versioned data: the newest version is active; tickets record theirs. */
@Injectable()
export class SupportStructureService {
  private readonly latest: CachedSetting<ActiveStructure | null>;
  private readonly kept = new Map<number, SupportStructure>();

  constructor(
    private readonly em: EntityManager,
    private readonly journal: ChangeJournal,
    @Inject(SETTINGS_CACHE_MS) cacheMs: number,
  ) {
    // A plain query: the definition is not put under the unit of work, whose flushes would compare it.
    this.latest = new CachedSetting(cacheMs, async () => {
      const [row] = await this.em
        .getConnection()
        .execute<{ version: number; definition: SupportStructure }[]>(
          'select version, definition from support_structure_versions order by version desc limit 1',
        );
      if (!row) return null;
      this.keep(row.version, row.definition);
      return { version: row.version, structure: row.definition };
    });
  }

  /** The structure new tickets are routed under (read on every creation, so kept per instance). */
  async active(): Promise<ActiveStructure> {
    const latest = await this.latest.get();
    if (!latest)
      throw Refusal.conflict(
        'No support structure yet: an admin must save one (POST /support-structure/versions with a preset)',
      );
    return latest;
  }

  /** The definitions of saved versions (what a ticket was routed under), from memory once read. */
  async definitions(versions: readonly number[]): Promise<Map<number, SupportStructure>> {
    const missing = versions.filter((version) => !this.kept.has(version));
    if (missing.length) {
      const rows = await this.em
        .getConnection()
        .execute<{ version: number; definition: SupportStructure }[]>(
          `select version, definition from support_structure_versions where version in (${missing.map(() => '?').join(', ')})`,
          missing,
        );
      for (const row of rows) this.keep(row.version, row.definition);
    }
    const found = new Map<number, SupportStructure>();
    for (const version of versions) {
      const definition = this.kept.get(version);
      if (definition) found.set(version, definition);
    }
    return found;
  }

  private keep(version: number, definition: SupportStructure): void {
    if (this.kept.size >= MAX_KEPT_DEFINITIONS) this.kept.clear();
    this.kept.set(version, definition);
  }

  async list() {
    const versions = await this.em.find(
      SupportStructureVersionSchema,
      {},
      { orderBy: { version: 'desc' }, fields: ['version', 'preset', 'note', 'createdBy', 'createdAt'] },
    );
    const names = await this.namesOf(versions);
    return versions.map((version) => this.summary(version, names));
  }

  async get(version: number) {
    const found = await this.em.findOne(SupportStructureVersionSchema, { version });
    if (!found) throw Refusal.notFound(`No support structure version ${version}`);
    return { ...this.summary(found, await this.namesOf([found])), definition: found.definition };
  }

  /** What saving `definition` would change, refused exactly as the save would refuse it. */
  async preview(definition: SupportStructure) {
    checked(definition);
    const latest = await this.latest.get();
    return {
      basedOn: latest?.version ?? null,
      changes: structureChanges(latest?.structure ?? null, definition),
      routing: definition.categories.map((category) => {
        const route = routeByCategory(definition, category.key);
        return { category: category.key, unitKey: route.ok ? route.unitKey : definition.entryUnit };
      }),
    };
  }

  private summary(version: VersionFacts, names: Map<string, string>) {
    return {
      version: version.version,
      preset: version.preset ?? null,
      note: version.note ?? null,
      createdBy: version.createdBy ?? null,
      createdByName: (version.createdBy && names.get(version.createdBy)) || null,
      createdAt: version.createdAt,
    };
  }

  private async namesOf(versions: readonly VersionFacts[]): Promise<Map<string, string>> {
    const ids = [...new Set(versions.flatMap((version) => (version.createdBy ? [version.createdBy] : [])))];
    const users = ids.length ? await this.em.find(UserSchema, { id: { $in: ids } }) : [];
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  async save(actor: Actor, input: CreateStructureVersionInput) {
    const definition = 'preset' in input ? STRUCTURE_PRESETS[input.preset] : input.definition;
    checked(definition);
    const saved = await this.em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?)', [VERSION_LOCK]);
      const previous = await tx.findOne(
        SupportStructureVersionSchema,
        { version: { $gt: 0 } },
        { orderBy: { version: 'desc' } },
      );
      const saved = tx.create(SupportStructureVersionSchema, {
        version: (previous?.version ?? 0) + 1,
        preset: 'preset' in input ? input.preset : null,
        definition,
        note: input.note ?? null,
        createdBy: 'userId' in actor ? actor.userId : null,
        createdAt: new Date(),
      });
      this.journal.record({
        actor,
        action: 'support_structure.version_saved',
        subjectType: 'support_structure',
        subjectId: String(saved.version),
        before: previous ? { version: previous.version, definition: previous.definition } : null,
        after: { version: saved.version, preset: saved.preset, definition },
        events: [domainEvent('support_structure.changed', { version: saved.version, preset: saved.preset ?? null })],
      });
      return saved;
    });
    this.latest.forget();
    return { ...this.summary(saved, await this.namesOf([saved])), definition: saved.definition };
  }
}

/** Refuses a definition routing or escalation could not use, naming each field as the request does. */
function checked(definition: SupportStructure): void {
  const issues = validateStructure(definition);
  if (issues.length > 0)
    throw Refusal.badInput(issues.map((issue) => ({ field: `definition.${issue.field}`, message: issue.message })));
}
