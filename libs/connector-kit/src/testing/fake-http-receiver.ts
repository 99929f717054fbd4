import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the next request gets instead of a 200: a status (and Retry-After), or no answer at all. */
export type Fault = { status: number; retryAfter?: string } | { hang: true };

export interface ReceivedRequest {
  at: Date;
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
  /** What the fake answered; `null` when it left the request hanging. */
  status: number | null;
}

/**
 * A strict stand-in for a service receiving HTTP deliveries. POST `/hook` with an `Idempotency-Key`
 * header is the one thing it accepts (anything else answers 500 and is kept in `unexpected`);
 * GET `/hook` is its health probe. Like a well-behaved service it applies each key's effect once;
 * it also counts every request it accepted per key, so a test sees repeats.
 */
export class FakeHttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly accepted = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly server = createServer((request, response) => void this.handle(request, response));
  private waiters: Array<() => void> = [];

  static async start(): Promise<FakeHttpReceiver> {
    const receiver = new FakeHttpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Faults answered to the next deliveries, in order; then it accepts again. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** How many requests carrying this key were accepted (answered 2xx, or received and left hanging). */
  acceptedCount(key: string): number {
    return this.accepted.get(key) ?? 0;
  }

  /** The keys whose effect was applied, each once whatever the repeats. */
  appliedKeys(): string[] {
    return [...this.accepted.keys()];
  }

  deliveries(): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === 'POST');
  }

  /** Resolves once `predicate` holds, re-checked after every request. */
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = (request.url ?? '').split('?')[0] ?? '';
    const key = request.headers['idempotency-key'];
    const record: ReceivedRequest = {
      at: new Date(),
      method: request.method ?? '',
      path,
      idempotencyKey: typeof key === 'string' ? key : undefined,
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      status: null,
    };
    this.requests.push(record);
    record.status = this.answer(record, response);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private answer(record: ReceivedRequest, response: ServerResponse): number | null {
    if (record.path !== '/hook' || (record.method !== 'POST' && record.method !== 'GET')) {
      this.unexpected.push(`${record.method} ${record.path}`);
      return this.send(response, 500, { error: `unexpected ${record.method} ${record.path}` });
    }
    if (record.method === 'GET') return this.send(response, 200, { ok: true });
    if (!record.idempotencyKey) {
      this.unexpected.push('POST /hook without Idempotency-Key');
      return this.send(response, 400, { error: 'Idempotency-Key required' });
    }
    const fault = this.faults.shift();
    if (fault && 'hang' in fault) {
      // The effect lands, the answer never comes: what a crash in mid-delivery looks like from here.
      this.apply(record.idempotencyKey);
      this.hanging.add(response);
      return null;
    }
    if (fault) {
      if (fault.retryAfter !== undefined) response.setHeader('retry-after', fault.retryAfter);
      return this.send(response, fault.status, { error: 'fault injected' });
    }
    this.apply(record.idempotencyKey);
    return this.send(response, 200, { ok: true });
  }

  private apply(key: string): void {
    this.accepted.set(key, this.acceptedCount(key) + 1);
  }

  private send(response: ServerResponse, status: number, body: unknown): number {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return status;
  }
}
