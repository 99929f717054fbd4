import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import {
  Refusal,
  DEFAULT_TEMPLATES,
  LOCALES,
  InvalidTemplateBodyError,
  MissingTemplateVariablesError,
  UnknownTemplateError,
  findTemplateDefinition,
  renderTemplate,
  resolveTemplateBody,
  validateTemplateBody,
  type Locale,
  type TemplateDefinition,
  type TemplateSource,
  type TemplateView,
} from '@escala/domain';
import { AuditService, type Actor } from '../../audit/audit.service.js';
import { PlaybookTemplateOverrideSchema, type PlaybookTemplateOverride } from '../../persistence/entities/index.js';

export interface TemplateState {
  key: string;
  locale: Locale;
  description: string;
  variables: readonly string[];
  body: string;
  defaultBody: string;
  overridden: boolean;
  updatedAt: Date | null;
}

function badBody(message: string, problems: readonly string[]): Refusal {
  return Refusal.badInput(
    problems.map((problem) => ({ field: 'body', message: problem })),
    message,
  );
}

/**
 * The playbook texts in force: shipped defaults with the admins' overrides read from the database on
 * every use, so an edit takes effect on the next reply without a restart (a few dozen short rows).
 */
@Injectable()
export class PlaybookTemplatesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async source(): Promise<TemplateSource> {
    const overrides = await this.em.find(PlaybookTemplateOverrideSchema, {});
    return {
      definitions: DEFAULT_TEMPLATES,
      overrides: overrides.map(({ key, locale, body }) => ({ key, locale: locale as Locale, body })),
    };
  }

  async render(key: string, locale: Locale, view: TemplateView): Promise<string> {
    return renderTemplate(await this.source(), key, locale, view);
  }

  async list(): Promise<TemplateState[]> {
    const overrides = await this.em.find(PlaybookTemplateOverrideSchema, {});
    return DEFAULT_TEMPLATES.flatMap((definition) =>
      LOCALES.map((locale) =>
        this.state(
          definition,
          locale,
          overrides.find((row) => row.key === definition.key && row.locale === locale),
        ),
      ),
    );
  }

  async get(key: string, locale: Locale): Promise<TemplateState> {
    const definition = this.definition(key);
    return this.state(definition, locale, await this.em.findOne(PlaybookTemplateOverrideSchema, { key, locale }));
  }

  async override(actor: Actor, key: string, locale: Locale, body: string): Promise<TemplateState> {
    const definition = this.definition(key);
    try {
      validateTemplateBody(definition, body);
    } catch (error) {
      if (error instanceof InvalidTemplateBodyError) throw badBody(error.message, error.problems);
      throw error;
    }
    const existing = await this.em.findOne(PlaybookTemplateOverrideSchema, { key, locale });
    const before = existing ? { body: existing.body } : { body: definition.body[locale], default: true };
    const row =
      existing ??
      this.em.create(PlaybookTemplateOverrideSchema, { id: randomUUID(), key, locale, body, updatedAt: new Date() });
    this.em.assign(row, { body, updatedAt: new Date(), updatedBy: 'userId' in actor ? actor.userId : null });
    this.audit.record({
      actor,
      action: 'playbook.template_overridden',
      subjectType: 'playbook_template',
      subjectId: `${key}:${locale}`,
      before,
      after: { body },
    });
    try {
      await this.em.flush(); // the row and its audit record commit together
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw Refusal.conflict(`"${key}" (${locale}) was edited at the same time; reload and retry`);
      throw error;
    }
    return this.state(definition, locale, row);
  }

  /** Back to the shipped default. */
  async reset(actor: Actor, key: string, locale: Locale): Promise<TemplateState> {
    const definition = this.definition(key);
    const existing = await this.em.findOne(PlaybookTemplateOverrideSchema, { key, locale });
    if (existing) {
      this.audit.record({
        actor,
        action: 'playbook.template_reset',
        subjectType: 'playbook_template',
        subjectId: `${key}:${locale}`,
        before: { body: existing.body },
        after: { body: definition.body[locale], default: true },
      });
      this.em.remove(existing);
      await this.em.flush();
    }
    return this.state(definition, locale, null);
  }

  /**
   * Renders with sample data, so an admin sees the edit before a customer does; a draft body renders
   * in place of the text in force (nothing saved), checked as a save would check it. A hole is a 400 naming it.
   */
  async preview(key: string, locale: Locale, view: TemplateView, draft?: string): Promise<string> {
    const definition = this.definition(key);
    try {
      if (draft === undefined) return await this.render(key, locale, view);
      validateTemplateBody(definition, draft);
      const source = await this.source();
      const overrides = (source.overrides ?? []).filter((row) => row.key !== key || row.locale !== locale);
      return renderTemplate({ ...source, overrides: [...overrides, { key, locale, body: draft }] }, key, locale, view);
    } catch (error) {
      if (error instanceof InvalidTemplateBodyError) throw badBody(error.message, error.problems);
      if (error instanceof MissingTemplateVariablesError)
        throw badBody(
          error.message,
          error.missing.map((name) => `missing variable "${name}"`),
        );
      throw error;
    }
  }

  private definition(key: string): TemplateDefinition {
    try {
      return findTemplateDefinition({ definitions: DEFAULT_TEMPLATES }, key);
    } catch (error) {
      if (error instanceof UnknownTemplateError) throw Refusal.notFound(`No playbook template "${key}"`);
      throw error;
    }
  }

  private state(
    definition: TemplateDefinition,
    locale: Locale,
    row: PlaybookTemplateOverride | null | undefined,
  ): TemplateState {
    const overrides = row ? [{ key: row.key, locale, body: row.body }] : [];
    return {
      key: definition.key,
      locale,
      description: definition.description,
      variables: definition.variables,
      body: resolveTemplateBody({ definitions: [definition], overrides }, definition.key, locale),
      defaultBody: definition.body[locale],
      overridden: !!row,
      updatedAt: row?.updatedAt ?? null,
    };
  }
}
