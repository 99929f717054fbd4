import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './template-catalogue.js';
import type { TemplateSource } from './templates.js';
import {
  openMediation,
  recordContactSent,
  recordThirdPartyRefusal,
  recordThirdPartyReply,
  type Mediation,
} from './third-party-mediation.js';
import {
  buildMediationReport,
  draftMediationCustomerMessage,
  draftResendRequest,
  renderMediationReport,
} from './third-party-report.js';

const shipped: TemplateSource = { definitions: DEFAULT_TEMPLATES };
const t0 = new Date('2026-11-20T13:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

function silentFor72Hours(): Mediation {
  let mediation = openMediation('Banco Sicredi', 'Confirmar o layout CNAB 240 do arquivo de retorno');
  mediation = recordContactSent(mediation, { at: t0, means: 'email', to: 'suporte@banco.example' });
  mediation = recordContactSent(mediation, { at: hours(24), means: 'email', to: 'suporte@banco.example' });
  return recordContactSent(mediation, { at: hours(48), means: 'phone', to: '0800 000 0000' });
}

describe('third-party report', () => {
  it('lists every attempt and the verification needed after 72 h of silence', () => {
    const report = buildMediationReport(silentFor72Hours(), 'SSC-2001', hours(72));
    expect(report).toMatchObject({ cause: 'no-reply', refusalNote: null, thirdPartyName: 'Banco Sicredi' });
    expect(report.attempts).toHaveLength(3);
    expect(renderMediationReport(shipped, 'pt-BR', report)).toBe(
      [
        'Relatório de contato com terceiro (solicitação SSC-2001)',
        'Empresa terceira: Banco Sicredi',
        'Verificação necessária: Confirmar o layout CNAB 240 do arquivo de retorno',
        'Situação: sem retorno da empresa terceira em 72 horas.',
        '',
        'Tentativas de contato:',
        '- 20/11/2026 10:00: contato inicial por e-mail para suporte@banco.example',
        '- 21/11/2026 10:00: reenvio por e-mail para suporte@banco.example',
        '- 22/11/2026 10:00: reenvio por telefone para 0800 000 0000',
        '',
        'Retornos da empresa terceira:',
        '- nenhum',
        '',
      ].join('\n'),
    );
  });

  it("states in the refusal report that direct contact was the third party's request", () => {
    let mediation = openMediation('Contabilizei', 'Conferir a importação do SPED');
    mediation = recordContactSent(mediation, { at: t0, means: 'phone', to: 'Carlos (suporte)' });
    mediation = recordThirdPartyReply(mediation, {
      at: hours(2),
      withInformation: false,
      summary: 'Vão consultar a política',
    });
    mediation = recordThirdPartyRefusal(mediation, { at: hours(6), note: 'atendem apenas o titular' });
    const report = buildMediationReport(mediation, 'SSC-2002', hours(6));
    const text = renderMediationReport(shipped, 'pt-BR', report);
    expect(text).toContain(
      'Situação: a empresa terceira não aceitou o nosso contato e pediu que o cliente entre em contato diretamente com ela (atendem apenas o titular).',
    );
    expect(text).toContain('- 20/11/2026 12:00: Vão consultar a política');
    const message = draftMediationCustomerMessage(shipped, 'pt-BR', report, 'Escritório Beta');
    expect(message).toContain(
      'a pedido da própria empresa terceira, solicitamos que você entre em contato diretamente com ela',
    );
    expect(message.endsWith(text)).toBe(true);
  });

  it('drafts the customer message asking for another contact means, in pt-BR or English', () => {
    const report = buildMediationReport(silentFor72Hours(), 'SSC-2001', hours(72));
    expect(draftMediationCustomerMessage(shipped, 'pt-BR', report, 'Escritório Alfa')).toContain(
      'não tivemos retorno em 72 horas, após 3 tentativa(s) de contato.\n\nPedimos, por gentileza, que nos informe outro meio de contato com a Banco Sicredi',
    );
    expect(draftMediationCustomerMessage(shipped, 'en', report, 'Alfa')).toContain(
      '- 21/11/2026 10:00: resend by e-mail to suporte@banco.example',
    );
  });

  it('refuses a report before it is due', () => {
    expect(() => buildMediationReport(silentFor72Hours(), 'SSC-2001', hours(71))).toThrow(/not due/);
  });

  it('drafts the 24 h resend as the company technician', () => {
    const text = draftResendRequest(shipped, 'pt-BR', silentFor72Hours(), {
      agentName: 'Joana',
      companyName: 'TR',
      customerName: 'Escritório Alfa',
    });
    expect(text).toContain(
      'Sou Joana, técnico(a) da TR, e reencaminho o pedido de avaliação enviado em 20/11/2026 10:00',
    );
  });
});
