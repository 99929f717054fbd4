import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@escala/domain';
import Negotiator from 'negotiator';

/**
 * The language a reader asked for in `Accept-Language` (the console sends the one its user chose),
 * among those we write; pt-BR when they name none of ours.
 */
export function readerLocale(acceptLanguage: string | undefined): Locale {
  const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).language([...LOCALES]);
  return (LOCALES as readonly string[]).includes(chosen ?? '') ? (chosen as Locale) : DEFAULT_LOCALE;
}

/** The reader's locale of the request, for what a route renders in the reader's language. */
export const ReaderLocale = createParamDecorator((_: unknown, context: ExecutionContext): Locale => {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  const header = request.headers['accept-language'];
  return readerLocale(Array.isArray(header) ? header.join(',') : header);
});
