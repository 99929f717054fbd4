import { Client, GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { MicrosoftTeamsConfig, TeamsTarget } from './microsoft-teams.config.js';

/** A token for the next Graph call; `forceRefresh` after Graph said the one we had expired. */
export type TokenSource = (forceRefresh: boolean) => Promise<string>;

export interface GraphMessage {
  id: string;
  attachments?: Array<{ id: string }>;
  reactions?: Array<{ reactionType: string; createdDateTime: string; user?: { user?: { id?: string } | null } }>;
}

/**
 * Graph through the real client. Its RetryHandler retries 429/503/504 honouring Retry-After, on
 * any method: fine for reads, but a POST answered 503/504 may have landed, and a blind retry would
 * post twice. So a POST is retried by the client only after a 429 (Graph throttles before doing
 * anything); other failures go back to the caller, which checks before posting again.
 */
export class GraphApi {
  private forceRefresh = false;
  /** The client wraps a token failure in a GraphError without status; we keep ours to rethrow it. */
  private tokenFailure: unknown;
  private readonly client: Client;

  constructor(
    config: MicrosoftTeamsConfig,
    tokens: TokenSource,
    private readonly signal: AbortSignal,
  ) {
    this.client = Client.initWithMiddleware({
      baseUrl: config.graphBaseUrl.replace(/\/+$/, ''),
      defaultVersion: 'v1.0',
      // v3 sends the bearer token only to Graph's own hosts or these (https only).
      customHosts: new Set([new URL(config.graphBaseUrl).hostname]),
      authProvider: {
        getAccessToken: async () => {
          try {
            return await tokens(this.forceRefresh);
          } catch (error) {
            this.tokenFailure = error;
            throw error;
          }
        },
      },
    });
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const onlyThrottling = new RetryHandlerOptions(
      undefined,
      undefined,
      (_delay, _attempt, _request, _options, response) => response.status === 429,
    );
    return this.withFreshToken(
      () =>
        this.client
          .api(path)
          .options({ signal: this.signal })
          .middlewareOptions([onlyThrottling])
          .post(body) as Promise<T>,
    );
  }

  async get<T>(path: string, top?: number): Promise<T> {
    const request = this.client.api(path).options({ signal: this.signal });
    if (top !== undefined) request.top(top);
    return this.withFreshToken(() => request.get() as Promise<T>);
  }

  /** An expired access token is refused before anything happens: one more try with a refreshed one is safe. */
  private async withFreshToken<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (this.tokenFailure !== undefined) throw this.tokenFailure;
      const expired = error instanceof GraphError && error.statusCode === 401 && /expired/i.test(error.message);
      if (!expired || this.forceRefresh) throw error;
      this.forceRefresh = true;
      return this.withFreshToken(call);
    }
  }
}

export function messagesPath(target: TeamsTarget): string {
  return 'chatId' in target
    ? `/chats/${encodeURIComponent(target.chatId)}/messages`
    : `/teams/${encodeURIComponent(target.teamId)}/channels/${encodeURIComponent(target.channelId)}/messages`;
}
