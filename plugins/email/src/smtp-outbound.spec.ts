import { describe, expect, it } from 'vitest';
import { emailConfigSchema } from './email.config.js';
import { ourMessageId } from './message-id.js';
import { answeredMessageId } from './smtp-outbound.js';

const config = emailConfigSchema.parse({
  address: 'suporte@escala.test',
  imapHost: '127.0.0.1',
  smtpHost: '127.0.0.1',
  username: 'suporte',
  password: 'secret',
  messageIdDomain: 'escala.test',
  signingKey: 'k'.repeat(32),
  category: 'suporte',
});
const ourAcknowledgement = ourMessageId(config.signingKey, config.messageIdDomain, 7, 'ack');

describe('the mail a reply answers', () => {
  it("is the customer's newest mail even when our acknowledgement was linked after it", () => {
    expect(
      answeredMessageId(config, ['<first@cliente.com.br>', '<reply-all@cliente.com.br>', ourAcknowledgement]),
    ).toBe('<reply-all@cliente.com.br>');
  });

  it('is our own mail when nothing from outside is in the thread', () => {
    expect(answeredMessageId(config, [ourAcknowledgement])).toBe(ourAcknowledgement);
    expect(answeredMessageId(config, [])).toBeUndefined();
  });

  it('does not take a forged id of our domain for ours', () => {
    const forged = '<t7.ack.0000000000aaaaaaaaaa@escala.test>';
    expect(answeredMessageId(config, [ourAcknowledgement, forged])).toBe(forged);
  });
});
