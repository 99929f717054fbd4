import type { ReceivedRequest } from './received-request.js';

/** A switchable misbehaviour: an error answer, a slow answer, or both. */
export interface Fault {
  /** Answer this status instead of the normal response (429, 503, 504, 403…); omit for a pure delay. */
  status?: number;
  /** `Retry-After`: seconds, or a Date sent as an HTTP-date. */
  retryAfter?: number | Date;
  /** Wait this long before answering, like a slow service. */
  delayMs?: number;
  /**
   * Apply the request first, then answer the fault: the write landed but the caller sees an error
   * (a gateway timeout after the service did the work) — what makes blind POST retries duplicate.
   */
  afterHandling?: boolean;
  /** Error message in the service's error body; each emulator has a realistic default per status. */
  message?: string;
  /** Service-specific error fields (Google `reason`/`status`, Graph `code`). */
  details?: Record<string, unknown>;
  /** Only requests this accepts are affected (default: all). */
  match?: (request: ReceivedRequest) => boolean;
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

/** Faults armed by a test, consumed in the order they were armed. */
export class FaultSwitch {
  private armed: ArmedFault[] = [];

  /** The next `count` matching requests get `fault`. */
  next(count: number, fault: Fault): this {
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a positive integer, got ${count}`);
    this.armed.push({ fault, remaining: count });
    return this;
  }

  /** Every matching request gets `fault` until `clear()`. */
  always(fault: Fault): this {
    this.armed.push({ fault, remaining: Number.POSITIVE_INFINITY });
    return this;
  }

  clear(): void {
    this.armed = [];
  }

  /** How many armed faults are still waiting for a request (Infinity for `always`). */
  get pending(): number {
    return this.armed.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** The fault for this request, if any, counting it as used. */
  take(request: ReceivedRequest): Fault | undefined {
    const entry = this.armed.find(({ fault }) => !fault.match || fault.match(request));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed = this.armed.filter((other) => other !== entry);
    return entry.fault;
  }
}

export function retryAfterHeader(retryAfter: number | Date | undefined): Record<string, string> {
  if (retryAfter === undefined) return {};
  return { 'retry-after': retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter) };
}
