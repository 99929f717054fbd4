import { randomBytes } from 'node:crypto';

/** An app registration. */
export interface GraphApplication {
  clientId: string;
  /** Confidential clients authenticate with it; public clients (device code) have none. */
  clientSecret?: string;
  /** Application permissions granted (app-only tokens carry them as `roles`). */
  roles?: string[];
  /** Delegated permissions consented; a request for others is refused. Default: anything. */
  delegatedScopes?: string[];
  displayName?: string;
}

export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** Whether the organisation's Teams app is installed for them (activity-feed notifications need it). */
  teamsAppInstalled?: boolean;
}

export interface ChatMessageReaction {
  reactionType: string;
  displayName?: string;
  createdDateTime: string;
  user: { application: null; device: null; user: { id: string; displayName: null; userIdentityType: 'aadUser' } };
}

export interface ChatMessage {
  id: string;
  replyToId: null;
  etag: string;
  messageType: 'message';
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string | null;
  importance: string;
  from: { user: { id: string; displayName: string; userIdentityType: 'aadUser' } };
  body: { contentType: string; content: string };
  attachments: unknown[];
  mentions: unknown[];
  reactions: ChatMessageReaction[];
  channelIdentity?: { teamId: string; channelId: string };
  chatId?: string;
  webUrl: string;
}

export interface Conversation {
  /** Members' user ids: only they can post. */
  members: string[];
  messages: ChatMessage[];
}

export interface TokenGrant {
  kind: 'app' | 'delegated';
  clientId: string;
  userId?: string;
  /** Delegated scopes (`scp`). */
  scopes: string[];
  /** Application roles (`roles`). */
  roles: string[];
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  userId: string;
  scopes: string[];
}

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  state: { status: 'pending' } | { status: 'approved'; userId: string } | { status: 'declined' };
}

export interface ActivityNotification {
  userId: string;
  clientId: string;
  body: unknown;
  receivedAt: Date;
}

/** The tenant as the emulator knows it: apps, users, teams, chats and everything issued. */
export class GraphDirectory {
  readonly applications = new Map<string, GraphApplication>();
  readonly users = new Map<string, GraphUser>();
  /** `teamId/channelId` → channel. */
  readonly channels = new Map<string, Conversation>();
  readonly chats = new Map<string, Conversation>();
  readonly accessTokens = new Map<string, TokenGrant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly deviceCodes = new Map<string, DeviceCodeGrant>();
  readonly notifications: ActivityNotification[] = [];
  /** Users whose refresh tokens and device sign-ins now fail (password reset, Conditional Access…). */
  readonly brokenGrants = new Map<string, 'invalid_grant' | 'interaction_required'>();
  private messageClock = Date.now();

  constructor(readonly tenantId: string) {}

  nextMessageId(): string {
    // Teams message ids are epoch-millisecond strings.
    this.messageClock = Math.max(this.messageClock + 1, Date.now());
    return String(this.messageClock);
  }

  user(id: string): GraphUser | undefined {
    return this.users.get(id) ?? [...this.users.values()].find((user) => user.userPrincipalName === id);
  }
}

export function opaque(prefix: string): string {
  return `${prefix}${randomBytes(18).toString('base64url')}`;
}
