import type { ReceivedRequest } from '../http/received-request.js';
import { googleErrors } from './google-errors.js';
import type { Caller, SpreadsheetStore } from './spreadsheet-store.js';

/** What the route handlers share. */
export interface SheetsContext {
  store: SpreadsheetStore;
  authenticate(request: ReceivedRequest): Caller;
  /** Whether row metadata follows its cells on sortRange — undocumented by Google, so switchable. */
  metadataFollowsSort(): boolean;
}

/** System parameters every Google API accepts on any method. */
const SYSTEM_PARAMETERS = ['fields', 'prettyPrint', 'alt', 'quotaUser', '$.xgafv'];

/** Refuses query parameters the method does not have, as Google's front end does. */
export function checkQuery(request: ReceivedRequest, allowed: readonly string[]): void {
  for (const name of request.query.keys()) {
    if (!allowed.includes(name) && !SYSTEM_PARAMETERS.includes(name)) throw googleErrors.unknownQueryParameter(name);
  }
}

export function queryEnum<T extends string>(
  request: ReceivedRequest,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T;
export function queryEnum<T extends string>(
  request: ReceivedRequest,
  name: string,
  allowed: readonly T[],
): T | undefined;
export function queryEnum<T extends string>(
  request: ReceivedRequest,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const value = request.query.get(name);
  if (value === null) return fallback;
  if (!allowed.includes(value as T))
    throw googleErrors.badRequest(`Invalid value at '${name}' (${allowed.join(' | ')}), "${value}"`);
  return value as T;
}

export function queryFlag(request: ReceivedRequest, name: string): boolean {
  const value = request.query.get(name);
  if (value === null || value === 'false') return false;
  if (value === 'true') return true;
  throw googleErrors.badRequest(`Invalid value at '${name}' (TYPE_BOOL), "${value}"`);
}
