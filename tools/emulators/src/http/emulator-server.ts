import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatorError } from './emulator-error.js';
import { FaultSwitch, retryAfterHeader, type Fault } from './faults.js';
import type { ReceivedRequest } from './received-request.js';

export interface EmulatorResponse {
  status?: number;
  /** An object is sent as JSON, a string as text/plain, undefined as an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteRequest extends ReceivedRequest {
  params: Record<string, string>;
}

export interface Route {
  method: string;
  /** Matched against the raw (still percent-encoded) path; named groups become decoded `params`. */
  path: RegExp;
  handle(request: RouteRequest): EmulatorResponse | Promise<EmulatorResponse>;
}

export interface EmulatorServerOptions {
  /** Used in the loud messages about requests nothing here understands. */
  name: string;
  routes: Route[];
  /** Renders a refusal in the service's own error JSON. */
  formatError(error: EmulatorError): EmulatorResponse;
  /** Turns an armed fault into the service's refusal (message and fields it would send). */
  faultError(fault: Fault & { status: number }): EmulatorError;
  /** The service's answer to a request no route takes (always an error: nothing passes silently). */
  unknownRoute(method: string, path: string): EmulatorError;
  /** Serve HTTPS with this key pair instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export interface EmulatorServer {
  /** `http(s)://127.0.0.1:PORT` — no trailing slash. */
  url: string;
  port: number;
  /** Every request, in arrival order. */
  received: ReceivedRequest[];
  /**
   * Requests the emulated service refused (4xx/5xx not caused by an armed fault): a happy-path test
   * can assert this is empty to be sure the client did nothing the real service would reject.
   */
  refused(): ReceivedRequest[];
  faults: FaultSwitch;
  close(): Promise<void>;
}

/** Starts a strict emulator on 127.0.0.1 on a port the kernel picks. */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const received: ReceivedRequest[] = [];
  const faults = new FaultSwitch();
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    void serve(options, faults, received, incoming, outgoing);
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    received,
    refused: () => received.filter((request) => !request.faulted && (request.status ?? 0) >= 400),
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  options: EmulatorServerOptions,
  faults: FaultSwitch,
  received: ReceivedRequest[],
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const url = new URL(incoming.url ?? '/', 'http://emulator');
  const rawBody = await readBody(incoming);
  const request: ReceivedRequest = {
    method: incoming.method ?? 'GET',
    path: safeDecode(url.pathname),
    rawPath: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    rawBody,
    body: undefined,
    receivedAt: new Date(),
  };
  received.push(request);

  let response: EmulatorResponse;
  const fault = faults.take(request);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.status !== undefined && !fault.afterHandling) {
    response = options.formatError(options.faultError({ ...fault, status: fault.status }));
    request.faulted = true;
  } else {
    response = await handle(options, request, incoming.headers['content-type']);
    if (fault?.status !== undefined) {
      response = options.formatError(options.faultError({ ...fault, status: fault.status }));
      request.faulted = true;
    }
  }
  if (fault?.retryAfter !== undefined)
    response.headers = { ...response.headers, ...retryAfterHeader(fault.retryAfter) };
  send(outgoing, request, response);
}

async function handle(
  options: EmulatorServerOptions,
  request: ReceivedRequest,
  contentType: string | undefined,
): Promise<EmulatorResponse> {
  try {
    request.body = parseBody(request.rawBody, contentType);
    for (const route of options.routes) {
      if (route.method !== request.method) continue;
      const match = route.path.exec(request.rawPath);
      if (!match) continue;
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([key, value]) => [key, safeDecode(value)]),
      );
      return await route.handle({ ...request, params });
    }
    throw options.unknownRoute(request.method, request.path);
  } catch (error) {
    if (error instanceof EmulatorError) return options.formatError(error);
    // A bug in the emulator itself: loud in the response and on stderr, never a silent pass.
    process.stderr.write(`${options.name} emulator crashed on ${request.method} ${request.path}: ${String(error)}\n`);
    return {
      status: 500,
      body: { error: { code: 500, message: `${options.name} emulator crashed: ${(error as Error)?.stack ?? error}` } },
    };
  }
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new EmulatorError(400, `Invalid JSON payload received. ${raw.slice(0, 80)}`, {
        status: 'INVALID_ARGUMENT',
        code: 'BadRequest',
      });
    }
  }
  return raw;
}

function send(outgoing: ServerResponse, request: ReceivedRequest, response: EmulatorResponse): void {
  const status = response.status ?? 200;
  request.status = status;
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (typeof response.body === 'string') {
    payload = response.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
  }
  outgoing.writeHead(status, headers);
  outgoing.end(payload);
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
