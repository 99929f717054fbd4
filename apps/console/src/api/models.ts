import type { ClockExplanation, PendingItem, Role, SkipReason, TicketStatus } from '@escala/domain';

/*
 * Response shapes. The server's OpenAPI document describes paths, parameters and request bodies
 * (those are generated into ../../generated/api.d.ts) but not yet its responses, so what the console
 * reads back is declared here, with the domain's own types wherever the domain has one.
 */

/** A domain type as it arrives in JSON: every Date is an ISO string. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export interface Me {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
}

export interface Ticket {
  id: string;
  number: number;
  customerId: string;
  channel: string;
  product: string | null;
  category: string;
  subject: string;
  description: string;
  status: TicketStatus;
  unitKey: string;
  assigneeId: string | null;
  spocId: string | null;
  tags: string[];
  deadlines: { description: string; dueOn: string }[];
  technicalAnalysis: {
    summary: string;
    cause: string | null;
    solution: string | null;
    customerContacted?: boolean;
    cancellationReason?: string | null;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Entry {
  id: string;
  kind: 'public' | 'internal' | 'event';
  body: string;
  authorLabel: string | null;
  createdAt: string;
}

export type PendingWork = Wire<PendingItem> & { ticketNumber: number };

export interface QueueItem {
  ticketId: string;
  number: number;
  subject: string;
  position: number;
  skipReason: SkipReason | null;
  waitingMs: number;
  openedAt: string;
}

export interface QueueView {
  unitKey: string;
  items: QueueItem[];
}

export type SlaClock = Wire<ClockExplanation>;

export interface Connector {
  key: string;
  displayName: string;
  secretFields: string[];
  configSchema: JsonSchema;
}

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

export interface Channel {
  id: string;
  name: string;
  connector: string;
  enabled: boolean;
  config: Record<string, unknown>;
  subscription: { eventTypes: string[] };
  health: { status: string; detail: string | null; checkedAt: string | null };
}

export interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export type { SkipReason };

export interface DashboardOverview {
  sla: {
    ticketId: string;
    number: number;
    subject: string;
    unitKey: string;
    assignee: string | null;
    state: 'at-risk' | 'breached';
    dueAt: string | null;
  }[];
  pendingPriorityRequests: {
    id: string;
    kind: string;
    ticketId: string;
    number: number;
    subject: string;
    unitKey: string;
    justification: string;
    requestedAt: string;
    requestedBy: string | null;
  }[];
}

export interface Announcement {
  id: string;
  title: string;
  group: { id: string; name: string };
  publishedAt: string;
  audienceCount: number;
  acknowledgedCount: number;
}

export interface AnnouncementStatus {
  id: string;
  pending: { userId: string; displayName: string }[];
}
