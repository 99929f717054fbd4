import { describe, expect, it } from 'vitest';
import { SEED_SENSITIVE_DATA_NOTICE } from '@escala/domain';
import { noticePreview } from './notice-preview';

describe('noticePreview', () => {
  it('previews the seed notice for a reply asking for access data and the certificate', () => {
    expect(noticePreview('Envie os dados de acesso e o certificado digital, por favor.', [])).toBe(
      SEED_SENSITIVE_DATA_NOTICE,
    );
  });

  it('previews a notice when the agent marks the reply though no phrase gives it away', () => {
    expect(noticePreview('Pode mandar aquilo que combinamos?', ['password'])).toMatch(/^OBS:/);
  });

  it('shows nothing for a reply that asks for nothing sensitive', () => {
    expect(noticePreview('O boleto foi reemitido.', [])).toBeNull();
  });
});
