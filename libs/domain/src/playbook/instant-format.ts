import type { Locale } from './templates.js';

/** English texts use day/month order too: the readers are the same team, and 03/04 must not flip. */
const INTL_LOCALE: Readonly<Record<Locale, string>> = { 'pt-BR': 'pt-BR', en: 'en-GB' };

/**
 * Instants in texts read as the team reads them, "23/11/2026 14:05", in the team's time zone
 * (São Paulo unless the caller's structure says otherwise).
 */
export function formatInstant(at: Date, locale: Locale, timeZone = 'America/Sao_Paulo'): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');
}
