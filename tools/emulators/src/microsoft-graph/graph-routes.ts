import { z } from 'zod';
import type { Route, RouteRequest } from '../http/emulator-server.js';
import type { ChatMessage, Conversation, GraphDirectory, TokenGrant } from './graph-directory.js';
import { graphErrors } from './graph-errors.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

const chatMessageSchema = z.strictObject({
  body: z.strictObject({ contentType: z.enum(['html', 'text']), content: z.string() }),
  subject: z.string().nullable().optional(),
  importance: z.enum(['normal', 'high', 'urgent']).optional(),
  attachments: z
    .array(
      z.strictObject({
        id: z.string(),
        contentType: z.string(),
        content: z.unknown().optional(),
        contentUrl: z.string().nullable().optional(),
        name: z.string().nullable().optional(),
        thumbnailUrl: z.string().nullable().optional(),
      }),
    )
    .optional(),
  mentions: z
    .array(
      z.strictObject({
        id: z.number().int(),
        mentionText: z.string(),
        mentioned: z.strictObject({
          user: z.strictObject({
            id: z.string(),
            displayName: z.string().optional(),
            userIdentityType: z.literal('aadUser'),
          }),
        }),
      }),
    )
    .optional(),
});

const activityNotificationSchema = z.strictObject({
  topic: z.strictObject({ source: z.enum(['text', 'entityUrl']), value: z.string(), webUrl: z.string().optional() }),
  activityType: z.string().min(1),
  previewText: z.strictObject({ content: z.string().max(150) }).optional(),
  templateParameters: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
  teamsAppId: z.string().optional(),
  chainId: z.number().int().optional(),
});

/** The Microsoft Graph v1.0 endpoints Escala's Teams connector uses. */
export function graphRoutes(directory: GraphDirectory): Route[] {
  const channel = (request: RouteRequest) => {
    const { teamId, channelId } = request.params;
    if (![...directory.channels.keys()].some((key) => key.startsWith(`${teamId}/`)))
      throw graphErrors.notFound(`No team found with Group Id ${teamId}`);
    const found = directory.channels.get(`${teamId}/${channelId}`);
    if (!found) throw graphErrors.notFound(`Channel ${channelId} not found in team ${teamId}.`);
    return found;
  };
  const chat = (request: RouteRequest) => {
    const found = directory.chats.get(request.params.chatId!);
    if (!found) throw graphErrors.notFound(`Chat ${request.params.chatId} not found.`);
    return found;
  };
  const post = (request: RouteRequest, conversation: Conversation, scopes: string[], where: Partial<ChatMessage>) => {
    const grant = authenticate(directory, request);
    if (grant.kind === 'app') throw graphErrors.appOnlyMessagePost();
    requireScope(grant, scopes);
    if (!conversation.members.includes(grant.userId!))
      throw graphErrors.forbidden('Forbidden: the signed-in user is not a member of this conversation.');
    const message = buildMessage(directory, grant.userId!, validateMessage(directory, request.body), where);
    conversation.messages.push(message);
    return { status: 201, body: { '@odata.context': `${request.path}/$entity`, ...message } };
  };
  const read = (request: RouteRequest, conversation: Conversation, scopes: string[], roles: string[]) => {
    const grant = authenticate(directory, request);
    if (grant.kind === 'app') requireRole(grant, roles);
    else requireScope(grant, scopes);
    const message = conversation.messages.find((candidate) => candidate.id === request.params.messageId);
    if (!message) throw graphErrors.notFound(`Message ${request.params.messageId} not found.`);
    return { body: { '@odata.context': request.path, ...message } };
  };

  const list = (request: RouteRequest, conversation: Conversation, scopes: string[], roles: string[]) => {
    const grant = authenticate(directory, request);
    if (grant.kind === 'app') requireRole(grant, roles);
    else requireScope(grant, scopes);
    const unknown = [...request.query.keys()].find((name) => name !== '$top');
    if (unknown) throw graphErrors.badRequest(`Microsoft Graph emulator: query option '${unknown}' is not emulated.`);
    const asked = request.query.get('$top');
    const top = asked === null ? 20 : Number(asked);
    if (!Number.isInteger(top) || top < 1 || top > 50)
      throw graphErrors.badRequest(`Invalid value '${asked}' for query option $top: 1 to 50.`);
    // Newest first, as Graph lists channel and chat messages.
    return { body: { '@odata.context': request.path, value: [...conversation.messages].reverse().slice(0, top) } };
  };

  return [
    {
      method: 'GET',
      path: /^\/v1\.0\/teams\/(?<teamId>[^/]+)\/channels\/(?<channelId>[^/]+)\/messages$/,
      handle: (request) =>
        list(
          request,
          channel(request),
          ['ChannelMessage.Read.All'],
          ['ChannelMessage.Read.All', 'ChannelMessage.Read.Group'],
        ),
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/chats\/(?<chatId>[^/]+)\/messages$/,
      handle: (request) =>
        list(request, chat(request), ['Chat.Read', 'Chat.ReadWrite'], ['Chat.Read.All', 'ChatMessage.Read.Chat']),
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/teams\/(?<teamId>[^/]+)\/channels\/(?<channelId>[^/]+)\/messages$/,
      handle: (request) =>
        post(request, channel(request), ['ChannelMessage.Send', 'Group.ReadWrite.All'], {
          channelIdentity: { teamId: request.params.teamId!, channelId: request.params.channelId! },
        }),
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/chats\/(?<chatId>[^/]+)\/messages$/,
      handle: (request) =>
        post(request, chat(request), ['ChatMessage.Send', 'Chat.ReadWrite'], { chatId: request.params.chatId! }),
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/teams\/(?<teamId>[^/]+)\/channels\/(?<channelId>[^/]+)\/messages\/(?<messageId>[^/]+)$/,
      handle: (request) =>
        read(
          request,
          channel(request),
          ['ChannelMessage.Read.All'],
          ['ChannelMessage.Read.All', 'ChannelMessage.Read.Group'],
        ),
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/chats\/(?<chatId>[^/]+)\/messages\/(?<messageId>[^/]+)$/,
      handle: (request) =>
        read(request, chat(request), ['Chat.Read', 'Chat.ReadWrite'], ['Chat.Read.All', 'ChatMessage.Read.Chat']),
    },
    {
      method: 'POST',
      path: /^\/v1\.0\/users\/(?<userId>[^/]+)\/teamwork\/sendActivityNotification$/,
      handle(request) {
        const grant = authenticate(directory, request);
        if (grant.kind === 'app') requireRole(grant, ['TeamsActivity.Send']);
        else requireScope(grant, ['TeamsActivity.Send']);
        const body = parse(activityNotificationSchema, request.body);
        if (body.topic.source === 'text' && !body.topic.webUrl)
          throw graphErrors.badRequest("topic.webUrl is required when topic.source is 'text'.");
        const user = directory.user(request.params.userId!);
        if (!user)
          throw graphErrors.notFound(
            `Resource '${request.params.userId}' does not exist or one of its queried reference-property objects are not present.`,
          );
        if (!user.teamsAppInstalled) throw graphErrors.appNotInstalled();
        directory.notifications.push({ userId: user.id, clientId: grant.clientId, body, receivedAt: new Date() });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\.0\/me$/,
      handle(request) {
        const grant = authenticate(directory, request);
        if (grant.kind === 'app')
          throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
        const user = directory.users.get(grant.userId!)!;
        return {
          body: {
            '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
            id: user.id,
            displayName: user.displayName,
            userPrincipalName: user.userPrincipalName,
            mail: user.userPrincipalName,
          },
        };
      },
    },
  ];
}

function authenticate(directory: GraphDirectory, request: RouteRequest): TokenGrant {
  const header = request.headers.authorization;
  const token = header && /^Bearer (.+)$/.exec(header)?.[1];
  if (!token) throw graphErrors.emptyToken();
  const grant = directory.accessTokens.get(token);
  if (!grant) throw graphErrors.invalidToken();
  if (Date.now() >= grant.expiresAt) throw graphErrors.expiredToken();
  return grant;
}

function requireScope(grant: TokenGrant, anyOf: string[]): void {
  if (!anyOf.some((scope) => grant.scopes.includes(scope))) throw graphErrors.missingScope(anyOf, grant.scopes);
}

function requireRole(grant: TokenGrant, anyOf: string[]): void {
  if (!anyOf.some((role) => grant.roles.includes(role))) throw graphErrors.missingRole(anyOf, grant.roles);
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    throw graphErrors.badRequest(
      `Invalid request body: property '${issue.keys[0]}' does not exist on type${at ? ` at '${at}'` : ''}.`,
    );
  throw graphErrors.badRequest(`Invalid request body at '${at || 'body'}': ${issue.message}`);
}

type ChatMessageInput = z.infer<typeof chatMessageSchema>;

/**
 * What Teams insists on: every `<attachment id>` in the body names an attachment and every attachment
 * is named; an Adaptive Card's `content` is the card as a JSON string; every `<at id>` has its
 * mention (same id, same text) and every mention is used, in an HTML body.
 */
function validateMessage(directory: GraphDirectory, body: unknown): ChatMessageInput {
  const message = parse(chatMessageSchema, body);
  const content = message.body.content;
  const referenced = [...content.matchAll(/<attachment\s+id="([^"]*)"\s*>\s*<\/attachment>/g)].map(
    (match) => match[1]!,
  );
  const attachments = message.attachments ?? [];
  for (const id of referenced)
    if (!attachments.some((attachment) => attachment.id === id))
      throw graphErrors.badRequest(
        `Attachment with id '${id}' is referenced in the message body but not found in the attachments collection.`,
      );
  for (const attachment of attachments) {
    if (!referenced.includes(attachment.id))
      throw graphErrors.badRequest(
        `Attachment with id '${attachment.id}' is not referenced in the message body: add <attachment id="${attachment.id}"></attachment>.`,
      );
    if (attachment.contentType === ADAPTIVE_CARD) checkCard(attachment.id, attachment.content);
    else if (attachment.contentType !== 'reference')
      throw graphErrors.badRequest(
        `Microsoft Graph emulator: attachment contentType '${attachment.contentType}' is not emulated.`,
      );
  }
  const tags = [...content.matchAll(/<at\s+id="(\d+)"\s*>([^<]*)<\/at>/g)].map((match) => ({
    id: Number(match[1]),
    text: match[2]!,
  }));
  const mentions = message.mentions ?? [];
  if ((tags.length || mentions.length) && message.body.contentType !== 'html')
    throw graphErrors.badRequest('Mentions require body.contentType html.');
  for (const tag of tags) {
    const mention = mentions.find((candidate) => candidate.id === tag.id);
    if (!mention) throw graphErrors.badRequest(`The mention <at id="${tag.id}"> in the body has no entry in mentions.`);
    if (mention.mentionText !== tag.text)
      throw graphErrors.badRequest(
        `mentionText '${mention.mentionText}' of mention ${tag.id} does not match the body text '${tag.text}'.`,
      );
  }
  for (const mention of mentions) {
    if (!tags.some((tag) => tag.id === mention.id))
      throw graphErrors.badRequest(`Mention ${mention.id} is not referenced in the body with <at id="${mention.id}">.`);
    if (!directory.users.has(mention.mentioned.user.id))
      throw graphErrors.badRequest(`Mentioned user '${mention.mentioned.user.id}' was not found.`);
  }
  return message;
}

function checkCard(id: string, content: unknown): void {
  if (typeof content !== 'string')
    throw graphErrors.badRequest(
      `Attachment '${id}': content of an Adaptive Card must be the card serialised as a JSON string.`,
    );
  let card: unknown;
  try {
    card = JSON.parse(content);
  } catch {
    throw graphErrors.badRequest(`Attachment '${id}': content is not valid JSON.`);
  }
  const { type, version } = (card ?? {}) as { type?: unknown; version?: unknown };
  if (type !== 'AdaptiveCard' || typeof version !== 'string')
    throw graphErrors.badRequest(`Attachment '${id}': content must be an AdaptiveCard with a version.`);
}

function buildMessage(
  directory: GraphDirectory,
  userId: string,
  input: ChatMessageInput,
  where: Partial<ChatMessage>,
): ChatMessage {
  const user = directory.users.get(userId)!;
  const id = directory.nextMessageId();
  const now = new Date().toISOString();
  return {
    id,
    replyToId: null,
    etag: id,
    messageType: 'message',
    createdDateTime: now,
    lastModifiedDateTime: now,
    subject: input.subject ?? null,
    importance: input.importance ?? 'normal',
    from: { user: { id: user.id, displayName: user.displayName, userIdentityType: 'aadUser' } },
    body: input.body,
    attachments: (input.attachments ?? []).map((attachment) => ({
      contentUrl: null,
      name: null,
      thumbnailUrl: null,
      ...attachment,
    })),
    mentions: input.mentions ?? [],
    reactions: [],
    ...where,
    webUrl: `https://teams.microsoft.com/l/message/${where.chatId ?? where.channelIdentity?.channelId}/${id}`,
  };
}
