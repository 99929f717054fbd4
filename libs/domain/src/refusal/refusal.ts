/**
 * The kinds of "no" the core gives, whoever asks (an HTTP client, a connector through its port).
 * The HTTP layer maps each to one status and one problem type; the port maps each to a connector
 * error kind. A new kind is a new documented problem type: add one only for a new way to react.
 */
export const REFUSAL_KINDS = [
  'bad_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'too_many_requests',
  'unavailable',
] as const;

export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** One input at fault: `field` is its dotted path in the request (`(body)` for the whole of it). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Something standing in the way of the action: `kind` says what it is (a pending item, an older
 * ticket, a missing cancellation step…), the other members describe that one thing.
 */
export type BlockingItem = { readonly kind: string } & Readonly<Record<string, unknown>>;

export interface RefusalDetails {
  /** `bad_input`: every input at fault, never empty. */
  readonly errors?: readonly FieldError[];
  /** `conflict`: what must be dealt with before the action is accepted. */
  readonly blocking?: readonly BlockingItem[];
  /** `conflict`: the values that would be accepted instead (status moves, escalation targets). */
  readonly allowed?: readonly string[];
  /** `too_many_requests`, `unavailable`: how long to wait before trying again. */
  readonly retryAfterSeconds?: number;
}

/** The one refusal a rule or a service throws; `message` is the human explanation (the problem's detail). */
export class Refusal extends Error {
  override readonly name = 'Refusal';

  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly details: RefusalDetails = {},
  ) {
    super(message);
  }

  /** Input a schema could not judge alone; each field is named so a form can point at it. */
  static badInput(
    errors: readonly FieldError[],
    detail = errors.map((error) => `${error.field}: ${error.message}`).join('; '),
  ): Refusal {
    return new Refusal('bad_input', detail, { errors });
  }
  static invalid(field: string, message: string): Refusal {
    return Refusal.badInput([{ field, message }], message);
  }
  static conflict(message: string, details: Pick<RefusalDetails, 'blocking' | 'allowed'> = {}): Refusal {
    return new Refusal('conflict', message, details);
  }
  static forbidden(message: string): Refusal {
    return new Refusal('forbidden', message);
  }
  static notFound(message: string): Refusal {
    return new Refusal('not_found', message);
  }
  static unauthorized(message: string): Refusal {
    return new Refusal('unauthorized', message);
  }
  static payloadTooLarge(message: string): Refusal {
    return new Refusal('payload_too_large', message);
  }
  static tooManyRequests(message: string, retryAfterSeconds: number): Refusal {
    return new Refusal('too_many_requests', message, { retryAfterSeconds });
  }
  static unavailable(message: string): Refusal {
    return new Refusal('unavailable', message);
  }
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}
