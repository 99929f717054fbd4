import { SENSITIVE_DATA_KINDS, sensitiveDataKindsToNotify, type SensitiveDataKind } from './sensitive-data.js';
import { resolveTemplateBody, type Locale, type TemplateSource } from './templates.js';

const NOTICE_PREFIX = 'sensitive-data.notice.';

/** `sensitive-data.notice.access-data+digital-certificate`: kinds in catalogue order, joined by "+". */
export function sensitiveDataNoticeKey(kinds: readonly SensitiveDataKind[]): string {
  return NOTICE_PREFIX + SENSITIVE_DATA_KINDS.filter((kind) => kinds.includes(kind)).join('+');
}

function noticeKinds(key: string): SensitiveDataKind[] {
  return key.slice(NOTICE_PREFIX.length).split('+') as SensitiveDataKind[];
}

/**
 * The notice templates that together cover `kinds`: a template written for a combination (the playbook's
 * access data + certificate) wins over single-kind ones; the rest is covered kind by kind.
 */
export function sensitiveDataNoticeKeys(source: TemplateSource, kinds: readonly SensitiveDataKind[]): string[] {
  const candidates = source.definitions
    .map((definition) => definition.key)
    .filter((key) => key.startsWith(NOTICE_PREFIX))
    .sort((a, b) => noticeKinds(b).length - noticeKinds(a).length || a.localeCompare(b));
  const remaining = new Set(kinds);
  const chosen: string[] = [];
  for (const key of candidates) {
    const covered = noticeKinds(key);
    if (covered.every((kind) => remaining.has(kind))) {
      chosen.push(key);
      covered.forEach((kind) => remaining.delete(kind));
    }
  }
  return chosen.sort((a, b) => kindOrder(a) - kindOrder(b));
}

function kindOrder(key: string): number {
  return Math.min(...noticeKinds(key).map((kind) => SENSITIVE_DATA_KINDS.indexOf(kind)));
}

export interface NoticedReply {
  readonly text: string;
  readonly kinds: SensitiveDataKind[];
}

/**
 * The text a public reply leaves with. Any notice already in it is taken out and the one matching
 * what is asked now is put at the very end — so applying it again changes nothing, an agent cannot
 * delete it, and a draft edited to ask for something else gets the right notice.
 */
export function withSensitiveDataNotice(
  source: TemplateSource,
  locale: Locale,
  text: string,
  markedKinds: readonly SensitiveDataKind[] = [],
): NoticedReply {
  const notices = source.definitions
    .filter((definition) => definition.key.startsWith(NOTICE_PREFIX))
    .map((definition) => resolveTemplateBody(source, definition.key, locale).trim())
    .sort((a, b) => b.length - a.length);
  const body = notices.reduce((rest, notice) => rest.split(notice).join(''), text).trimEnd();
  const kinds = sensitiveDataKindsToNotify(body, markedKinds);
  if (kinds.length === 0) return { text, kinds };
  const notice = sensitiveDataNoticeKeys(source, kinds)
    .map((key) => resolveTemplateBody(source, key, locale).trim())
    .join('\n');
  return { text: body ? `${body}\n\n${notice}` : notice, kinds };
}
