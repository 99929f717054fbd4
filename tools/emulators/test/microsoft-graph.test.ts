import {
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-node';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIDENTIAL_APP,
  DEFAULT_PUBLIC_APP,
  startMicrosoftGraphEmulator,
  type MicrosoftGraphEmulator,
} from '../src/index.js';

const ANA = {
  id: '0c1d2e3f-0000-4000-8000-00000000a1a1',
  displayName: 'Ana Líder',
  userPrincipalName: 'ana@contoso.test',
};
const BRUNO = {
  id: '0c1d2e3f-0000-4000-8000-00000000b2b2',
  displayName: 'Bruno',
  userPrincipalName: 'bruno@contoso.test',
};
const SERVICE = {
  id: '0c1d2e3f-0000-4000-8000-00000000c3c3',
  displayName: 'Escala',
  userPrincipalName: 'escala@contoso.test',
};
const CHANNEL = { teamId: 'team-suporte', channelId: '19:avisos@thread.tacv2' };
const CHANNEL_PATH = `/teams/${CHANNEL.teamId}/channels/${encodeURIComponent(CHANNEL.channelId)}/messages`;
const WORKFLOW = { id: 'flow-lideres', sig: 'c2lnbmF0dXJlLWRvLWZsdXhv' };
const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'URGENTE: cliente parado' }] };

let graph: MicrosoftGraphEmulator;
let delegated: { accessToken: string; account: AccountInfo };
let pca: PublicClientApplication;

beforeAll(async () => {
  graph = await startMicrosoftGraphEmulator({
    users: [{ ...ANA, teamsAppInstalled: true }, BRUNO, SERVICE],
    teams: [{ id: CHANNEL.teamId, channels: [CHANNEL.channelId], members: [SERVICE.id, ANA.id, BRUNO.id] }],
    chats: [{ id: '19:chat-ana@unq.gbl.spaces', members: [SERVICE.id, ANA.id] }],
    workflows: [WORKFLOW],
  });
  pca = new PublicClientApplication({
    auth: {
      clientId: DEFAULT_PUBLIC_APP.clientId,
      authority: graph.authority,
      knownAuthorities: [new URL(graph.url).host],
    },
  });
  delegated = await signInByDeviceCode();
});
afterAll(() => graph.close());
beforeEach(() => graph.faults.clear());

/** The admin's one-time device-code sign-in: the emulator answers authorization_pending until a person approves. */
async function signInByDeviceCode() {
  const result = await pca.acquireTokenByDeviceCode({
    scopes: ['ChannelMessage.Send', 'ChatMessage.Send', 'ChannelMessage.Read.All'],
    deviceCodeCallback: (response) => {
      const approveAfterFirstPoll = setInterval(() => {
        if (graph.refused().some((request) => request.rawBody.includes('grant_type=device_code'))) {
          clearInterval(approveAfterFirstPoll);
          graph.approveDeviceCode(response.userCode, SERVICE.id);
        }
      }, 20);
    },
  });
  return { accessToken: result!.accessToken, account: result!.account! };
}

async function appOnlyToken(): Promise<string> {
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId: DEFAULT_CONFIDENTIAL_APP.clientId,
      clientSecret: DEFAULT_CONFIDENTIAL_APP.clientSecret,
      authority: graph.authority,
      knownAuthorities: [new URL(graph.url).host],
    },
  });
  const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
  return result!.accessToken;
}

function graphClient(token: string, customHosts = new Set(['127.0.0.1'])) {
  return Client.initWithMiddleware({
    baseUrl: graph.url,
    customHosts,
    authProvider: { getAccessToken: async () => token },
  });
}

function cardMessage(mention = { id: 0, text: ANA.displayName }) {
  return {
    body: {
      contentType: 'html',
      content: `<at id="${mention.id}">${mention.text}</at> <attachment id="card-1"></attachment>`,
    },
    attachments: [
      { id: 'card-1', contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.stringify(CARD) },
    ],
    mentions: [
      {
        id: 0,
        mentionText: ANA.displayName,
        mentioned: { user: { id: ANA.id, displayName: ANA.displayName, userIdentityType: 'aadUser' } },
      },
    ],
  };
}

describe('Entra token endpoint', () => {
  it('signs in by device code after authorization_pending, then refreshes silently', async () => {
    const pending = graph.received.filter(
      (request) => request.status === 400 && request.rawBody.includes('device_code='),
    );
    expect(pending.length).toBeGreaterThan(0);
    const refreshed = await pca.acquireTokenSilent({
      account: delegated.account,
      scopes: ['ChannelMessage.Send'],
      forceRefresh: true,
    });
    expect(refreshed.account?.username).toBe(SERVICE.userPrincipalName);
    const me = await graphClient(refreshed.accessToken).api('/me').get();
    expect(me).toMatchObject({ id: SERVICE.id, userPrincipalName: SERVICE.userPrincipalName });
  });

  it('a revoked grant or a Conditional Access change makes the silent refresh fail loudly', async () => {
    try {
      graph.breakGrants(SERVICE.id, 'interaction_required');
      await expect(
        pca.acquireTokenSilent({ account: delegated.account, scopes: ['ChannelMessage.Send'], forceRefresh: true }),
      ).rejects.toBeInstanceOf(InteractionRequiredAuthError);
      graph.breakGrants(SERVICE.id, 'invalid_grant');
      await expect(
        pca.acquireTokenSilent({ account: delegated.account, scopes: ['ChannelMessage.Send'], forceRefresh: true }),
      ).rejects.toMatchObject({ errorCode: 'invalid_grant', errorMessage: expect.stringContaining('AADSTS50173') });
    } finally {
      graph.restoreGrants(SERVICE.id);
    }
  });

  it('client credentials need the right secret and the /.default scope', async () => {
    expect(await appOnlyToken()).toBeTruthy();
    const wrongSecret = new ConfidentialClientApplication({
      auth: {
        clientId: DEFAULT_CONFIDENTIAL_APP.clientId,
        clientSecret: 'the-secret-id-not-its-value',
        authority: graph.authority,
        knownAuthorities: [new URL(graph.url).host],
      },
    });
    await expect(
      wrongSecret.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }),
    ).rejects.toMatchObject({ errorCode: 'invalid_client' });
    const discovery = await fetch(`${graph.authority}/v2.0/.well-known/openid-configuration`);
    expect(await discovery.json()).toMatchObject({ token_endpoint: `${graph.authority}/oauth2/v2.0/token` });
  });
});

describe('channel and chat messages', () => {
  it('an app-only token cannot post: 401 "only for import purposes"', async () => {
    const error = await graphClient(await appOnlyToken())
      .api(CHANNEL_PATH)
      .post({ body: { contentType: 'text', content: 'oi' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      statusCode: 401,
      code: 'Unauthorized',
      message: expect.stringMatching(/^Message POST is allowed in application-only context only for import purposes/),
    });
  });

  it('a delegated token posts a card with an @mention; the message is returned with its id', async () => {
    const posted = await graphClient(delegated.accessToken).api(CHANNEL_PATH).post(cardMessage());
    expect(posted).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      channelIdentity: CHANNEL,
      from: { user: { id: SERVICE.id } },
    });
    expect(graph.messages(CHANNEL).map((message) => message.id)).toContain(posted.id);
    const chat = await graphClient(delegated.accessToken)
      .api('/chats/19:chat-ana@unq.gbl.spaces/messages')
      .post(cardMessage());
    expect(chat.chatId).toBe('19:chat-ana@unq.gbl.spaces');
  });

  it.each([
    [
      'a card given as an object instead of a JSON string',
      {
        ...cardMessage(),
        attachments: [{ id: 'card-1', contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
      },
      /must be the card serialised as a JSON string/,
    ],
    [
      'an attachment the body does not reference',
      { ...cardMessage(), body: { contentType: 'html', content: `<at id="0">${ANA.displayName}</at>` } },
      /not referenced in the message body/,
    ],
    ['a mention whose text differs from the body', cardMessage({ id: 0, text: 'Ana' }), /does not match the body text/],
    ['an unknown field', { ...cardMessage(), priority: 'high' }, /property 'priority' does not exist/],
  ])('refuses %s with 400', async (_case, body, message) => {
    await expect(graphClient(delegated.accessToken).api(CHANNEL_PATH).post(body)).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(message),
    });
  });

  it('reads reactions back, as names from older clients and emoji from newer ones', async () => {
    const posted = await graphClient(delegated.accessToken)
      .api(CHANNEL_PATH)
      .post({ body: { contentType: 'html', content: 'Aviso' } });
    graph.addReaction(CHANNEL, posted.id, ANA.id, 'like');
    graph.addReaction(CHANNEL, posted.id, BRUNO.id, '👍');
    const read = await graphClient(await appOnlyToken())
      .api(`${CHANNEL_PATH}/${posted.id}`)
      .get();
    expect(
      read.reactions.map((reaction: { reactionType: string; user: { user: { id: string } } }) => [
        reaction.reactionType,
        reaction.user.user.id,
      ]),
    ).toEqual([
      ['like', ANA.id],
      ['👍', BRUNO.id],
    ]);
  });

  it('without the host in customHosts the client sends no token, and the emulator says so', async () => {
    await expect(graphClient(delegated.accessToken, new Set()).api('/me').get()).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    graph.expireAccessTokens();
    await expect(graphClient(delegated.accessToken).api('/me').get()).rejects.toMatchObject({
      statusCode: 401,
      message: 'Lifetime validation failed, the token is expired.',
    });
    delegated = await signInByDeviceCode();
  });
});

describe('activity-feed notifications', () => {
  it('reach a user with the Teams app; a user without it gets the "expected Teams app" error', async () => {
    const client = graphClient(await appOnlyToken());
    const notification = {
      topic: { source: 'text', value: 'Chamado #123 URGENTE', webUrl: 'https://escala.example/tickets/123' },
      activityType: 'ticketUrgent',
      previewText: { content: 'Cliente ACME parado' },
      templateParameters: [{ name: 'ticket', value: '123' }],
    };
    await client.api(`/users/${ANA.id}/teamwork/sendActivityNotification`).post(notification);
    expect(graph.notifications.map((sent) => sent.userId)).toEqual([ANA.id]);
    await expect(
      client.api(`/users/${BRUNO.id}/teamwork/sendActivityNotification`).post(notification),
    ).rejects.toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/^Ensure that the expected Teams app is installed in the target scope/),
    });
  });
});

describe('throttling and faults', () => {
  it('429 with Retry-After (seconds or an HTTP date) is retried by the client and posts once', async () => {
    const before = graph.messages(CHANNEL).length;
    graph.faults.next(1, { status: 429, retryAfter: 0, match: (request) => request.path.startsWith('/v1.0/') });
    graph.faults.next(1, {
      status: 503,
      retryAfter: new Date(Date.now() - 1000),
      match: (request) => request.path.startsWith('/v1.0/'),
    });
    await graphClient(delegated.accessToken)
      .api(CHANNEL_PATH)
      .post({ body: { contentType: 'text', content: 'um' } });
    expect(graph.messages(CHANNEL).length).toBe(before + 1);
    const answers = graph.received.slice(-3).map((request) => [request.status, request.headers['retry-after'] ?? null]);
    expect(answers.map(([status]) => status)).toEqual([429, 503, 201]);
  });

  it('a 504 after the message landed makes the client’s blind retry post it twice', async () => {
    const before = graph.messages(CHANNEL).length;
    graph.faults.next(1, {
      status: 504,
      retryAfter: 0,
      afterHandling: true,
      match: (request) => request.method === 'POST',
    });
    await graphClient(delegated.accessToken)
      .api(CHANNEL_PATH)
      .post({ body: { contentType: 'text', content: 'dois' } });
    expect(
      graph
        .messages(CHANNEL)
        .slice(before)
        .map((message) => message.body.content),
    ).toEqual(['dois', 'dois']);
  });

  it('an unknown resource is a loud 400 BadRequest', async () => {
    await expect(graphClient(delegated.accessToken).api('/teams/x/tags').get()).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('no route for GET /v1.0/teams/x/tags'),
    });
  });
});

describe('listing messages (the check before a repeated post)', () => {
  it('lists the latest messages newest first, $top at most 50, and refuses other query options', async () => {
    const client = graphClient(delegated.accessToken);
    const first = await client.api(CHANNEL_PATH).post(cardMessage());
    const second = await client.api(CHANNEL_PATH).post(cardMessage());
    const listed = await client.api(CHANNEL_PATH).top(2).get();
    expect(listed.value.map((message: { id: string }) => message.id)).toEqual([second.id, first.id]);
    for (const query of ['$top=51', '$filter=x']) {
      const refused = await client
        .api(`${CHANNEL_PATH}?${query}`)
        .get()
        .catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ statusCode: 400 });
    }
  });
});

describe('Workflows webhook trigger', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const message = {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
  };

  it('takes a card posted to its secret URL with 202 and no body, as the real flow does', async () => {
    const response = await post(graph.workflowUrl(WORKFLOW.id), message);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(graph.workflowPosts.at(-1)).toMatchObject({ workflowId: WORKFLOW.id, body: message });
  });

  it('refuses a wrong signature, a card given as a JSON string, and an unknown flow', async () => {
    const forged = graph.workflowUrl(WORKFLOW.id).replace(WORKFLOW.sig, 'bm90LXRoZS1zaWduYXR1cmUtAA');
    expect((await post(forged, message)).status).toBe(401);
    const stringCard = { ...message, attachments: [{ ...message.attachments[0], content: JSON.stringify(CARD) }] };
    expect((await post(graph.workflowUrl(WORKFLOW.id), stringCard)).status).toBe(400);
    const unknown = graph.workflowUrl(WORKFLOW.id).replace(`/workflows/${WORKFLOW.id}/`, '/workflows/nope/');
    expect((await post(unknown, message)).status).toBe(404);
  });
});
