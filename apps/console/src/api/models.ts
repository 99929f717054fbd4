import type { PendingItem } from '@escala/domain';
import type { paths } from '../../generated/api';

/*
 * Names for what the console reads back. Every response type is taken from the OpenAPI document the
 * server writes at build time (../../generated/api.d.ts), whose response schemas the server's
 * controllers are compile-checked against: a field the API stops sending fails the console's build.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

/** The success body (200 or 201) of an operation of the API. */
export type Answer<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]>
  : never;

/** The JSON request body of an operation of the API. */
export type RequestBody<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type Me = Answer<'/auth/me', 'get'>;
export type Ticket = Answer<'/tickets/{id}', 'get'>;
export type Entry = Answer<'/tickets/{id}/entries', 'get'>['items'][number];
export type QueueView = Answer<'/queue/{unitKey}', 'get'>;
export type QueueItem = QueueView['items'][number];
export type SkipReason = NonNullable<QueueItem['skipReason']>;
export type SlaClock = Answer<'/tickets/{id}/sla', 'get'>['clocks'][number];
export type Channel = Answer<'/channels/{id}', 'get'>;
export type Delivery = Answer<'/channels/{id}/deliveries', 'get'>['items'][number];
export type DashboardOverview = Answer<'/dashboard', 'get'>;
export type Announcement = Answer<'/announcements', 'get'>['items'][number];
export type AnnouncementStatus = Answer<'/announcements/{id}', 'get'>;
export type ErrorSheetRequest = Answer<'/error-sheet-requests', 'get'>['items'][number];
export type PendingPartnerCase = Answer<'/partner-cases/pending', 'get'>['items'][number];
export type TriageItem = Answer<'/triage-items', 'get'>['items'][number];

/** A connector's config is a JSON Schema document: the language is standard, so it is typed here. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema & { description?: string; 'x-secret'?: boolean }>;
  required?: string[];
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  format?: string;
  items?: JsonSchema;
}

export type Connector = Omit<Answer<'/connectors', 'get'>['items'][number], 'configSchema'> & {
  configSchema: JsonSchema;
};

/**
 * A pending item as a 409 of POST /queue/next lists it under `blocking`: refusals share one problem
 * schema, so this item's shape is the domain's own type, as JSON carries it.
 */
export type PendingWork = { [K in keyof PendingItem]: PendingItem[K] extends Date ? string : PendingItem[K] } & {
  ticketNumber: number;
};

/** The API documents a connector's config schema as an open object; the console reads it as the JSON Schema it is. */
export const asConnector = (item: Answer<'/connectors', 'get'>['items'][number]): Connector => ({
  ...item,
  configSchema: item.configSchema as JsonSchema,
});
