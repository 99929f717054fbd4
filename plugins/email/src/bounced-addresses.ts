import { ConnectorError, type ChannelPort } from '@escala/connector-kit';
import { z } from 'zod';
import { addressKey } from './state-keys.js';

/** What a bounce (DSN) taught us of an address, kept in channel state until its owner writes again. */
const BouncedMark = z.object({
  at: z.string(),
  status: z.string().nullable(),
  /** The DSN's own Message-ID, so a refusal names the report a person can look up. */
  dsn: z.string().nullable().optional(),
});
export type BouncedMark = z.infer<typeof BouncedMark>;

const keyOf = (address: string) => addressKey('bounced', address.toLowerCase());

export async function markBounced(port: ChannelPort, address: string, mark: BouncedMark): Promise<void> {
  await port.state.put(keyOf(address), mark);
}

/** Mail from the address shows it receives again: the mark goes. */
export async function clearBounced(port: ChannelPort, address: string): Promise<void> {
  if ((await port.state.get(keyOf(address))) !== null) await port.state.put(keyOf(address), null);
}

/**
 * Leaves bounced addresses out of a mail's recipients. When none of its `to` is left, the mail is
 * refused as permanent (never retried: the address is known dead), naming the address and the DSN:
 * the platform records that on the ticket. A bounced Cc is dropped and the rest still get the mail.
 */
export async function withoutBounced<Mail extends { to?: unknown; cc?: unknown }>(
  port: ChannelPort,
  mail: Mail,
): Promise<Mail> {
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  const marks = new Map<string, BouncedMark>();
  for (const address of new Set([...to, ...cc].map((value) => value.toLowerCase()))) {
    const parsed = BouncedMark.safeParse(await port.state.get(keyOf(address)));
    if (parsed.success) marks.set(address, parsed.data);
  }
  if (marks.size === 0) return mail;
  const alive = (list: string[]) => list.filter((address) => !marks.has(address.toLowerCase()));
  if (alive(to).length === 0) {
    const reasons = [...marks]
      .filter(([address]) => to.some((value) => value.toLowerCase() === address))
      .map(([address, mark]) => describe(address, mark));
    throw ConnectorError.permanent(
      `e-mail não enviado: ${reasons.join('; ')}. Corrija o e-mail do contato, ou aguarde o cliente escrever de novo desse endereço (a marca sai sozinha).`,
    );
  }
  return { ...mail, to: alive(to), cc: alive(cc) };
}

function describe(address: string, mark: BouncedMark): string {
  const dsn = mark.dsn ? `, aviso ${mark.dsn}` : '';
  return `${address} devolveu nossa mensagem em ${mark.at.slice(0, 10)} (status ${mark.status ?? 'sem status'}${dsn})`;
}

function addresses(value: unknown): string[] {
  return [value].flat().filter((item): item is string => typeof item === 'string');
}
