import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { EmulatorError } from '../http/emulator-error.js';
import type { Route } from '../http/emulator-server.js';

/** A Teams "post to a channel when a webhook request is received" flow (Power Automate Workflows). */
export interface WorkflowTrigger {
  id: string;
  /** The `sig` query parameter of the flow's URL: whoever holds the URL may post. */
  sig: string;
}

export interface WorkflowPost {
  workflowId: string;
  body: z.infer<typeof workflowMessageSchema>;
  receivedAt: Date;
}

const workflowMessageSchema = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null().optional(),
        // Unlike Graph, the Workflows trigger takes the card as an object, not as a JSON string.
        content: z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string() }),
      }),
    )
    .min(1),
});

const QUERY = ['api-version', 'sp', 'sv', 'sig'];

function unauthorised(message: string): EmulatorError {
  return new EmulatorError(401, message, { code: 'DirectApiInvalidAuthorizationSignature' });
}

/** The Workflows webhook trigger: 202 with no body and no message id, as the real flow answers. */
export function workflowsRoutes(triggers: Map<string, WorkflowTrigger>, posts: WorkflowPost[]): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/workflows\/(?<workflowId>[^/]+)\/triggers\/manual\/paths\/invoke$/,
      handle(request) {
        const trigger = triggers.get(request.params.workflowId!);
        if (!trigger)
          throw new EmulatorError(404, `The workflow '${request.params.workflowId}' could not be found.`, {
            code: 'WorkflowNotFound',
          });
        const unknown = [...request.query.keys()].find((name) => !QUERY.includes(name));
        if (unknown)
          throw new EmulatorError(400, `Workflows emulator: query parameter '${unknown}' is not emulated.`, {
            code: 'InvalidRequest',
          });
        const sig = Buffer.from(request.query.get('sig') ?? '');
        const expected = Buffer.from(trigger.sig);
        if (sig.length !== expected.length || !timingSafeEqual(sig, expected))
          throw unauthorised(
            "The provided authentication token is not valid: the request signature 'sig' does not match.",
          );
        const parsed = workflowMessageSchema.safeParse(request.body);
        if (!parsed.success)
          throw new EmulatorError(
            400,
            `The request body is not a Teams message with an Adaptive Card: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
            { code: 'InvalidTemplate' },
          );
        posts.push({ workflowId: trigger.id, body: parsed.data, receivedAt: new Date() });
        return { status: 202 };
      },
    },
  ];
}
