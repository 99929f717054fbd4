import type { IncomingHttpHeaders } from 'node:http';

/** One request as the emulator saw it, kept for tests to inspect. */
export interface ReceivedRequest {
  method: string;
  /** Decoded path without the query string. */
  path: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON or form body parsed; undefined when empty. */
  body: unknown;
  receivedAt: Date;
  /** Status answered (set once the answer is sent). */
  status?: number;
  /** True when the answer came from an armed fault rather than the emulated service. */
  faulted?: boolean;
}
