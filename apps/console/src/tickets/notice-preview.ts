import { DEFAULT_TEMPLATES, withSensitiveDataNotice, type SensitiveDataKind } from '@escala/domain';

const SHIPPED = { definitions: DEFAULT_TEMPLATES };

/**
 * The notice the server will append to this reply, by the domain's own rule (seed 002 §2), in the
 * shipped pt-BR wording; null when the reply asks for nothing sensitive. The server appends the
 * wording in force (an admin may have edited it) whatever the agent typed, so the preview cannot be
 * edited away and the reply cannot leave without it.
 */
export function noticePreview(body: string, marked: readonly SensitiveDataKind[]): string | null {
  if (!body.trim() && marked.length === 0) return null;
  const { text, kinds } = withSensitiveDataNotice(SHIPPED, 'pt-BR', body, marked);
  if (kinds.length === 0) return null;
  return text.slice(text.lastIndexOf('\n\n') + 2);
}
