import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemError, type Problem } from '../api/problem';

export function problemOf(error: unknown): Problem | null {
  return error instanceof ProblemError ? error.problem : null;
}

/** One item that blocks an action, in the words the server gave it. */
function describeBlocking(item: Record<string, unknown>): string {
  for (const key of ['message', 'description', 'title', 'code', 'kind'])
    if (typeof item[key] === 'string' && item[key]) return item[key] as string;
  return JSON.stringify(item);
}

/**
 * The refusal as a person reads it: the server's message, then what blocks the action. Field errors
 * are shown next to their fields by the forms (see fieldError); those no form shows are listed here.
 */
export function ProblemAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = problemOf(error);
  const message = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  const blocking = (problem?.blocking ?? []).map(describeBlocking);
  const allowed = Array.isArray(problem?.extra.allowed) ? (problem.extra.allowed as unknown[]).map(String) : [];
  const otherFields = (problem?.fieldErrors ?? []).filter(
    (field) => !shownFields.some((shown) => field.field === shown || field.field.startsWith(`${shown}.`)),
  );
  return (
    <Alert color="red" title={problem?.title || t('common.error')} role="alert">
      {message}
      {blocking.length > 0 && (
        <List size="sm" mt="xs" data-testid="blocking">
          {blocking.map((text) => (
            <List.Item key={text}>{text}</List.Item>
          ))}
        </List>
      )}
      {allowed.length > 0 && (
        <div>
          {t('common.allowed')}: {allowed.join(', ')}
        </div>
      )}
      {otherFields.length > 0 && (
        <List size="sm" mt="xs">
          {otherFields.map((field) => (
            <List.Item key={field.field + field.message}>
              {field.field ? `${field.field}: ` : ''}
              {field.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
