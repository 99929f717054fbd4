import { describe, expect, it } from 'vitest';
import {
  concludeMediation,
  dueMediationActions,
  nextMediationDeadlines,
  openMediation,
  recordContactSent,
  recordReportProduced,
  recordThirdPartyRefusal,
  recordThirdPartyReply,
  type Mediation,
} from './third-party-mediation.js';

const t0 = new Date('2026-11-20T13:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
const contacted = (): Mediation =>
  recordContactSent(openMediation('Banco Sicredi', 'Confirmar o layout CNAB 240 do arquivo de retorno'), {
    at: t0,
    means: 'email',
    to: 'suporte@banco.example',
  });

describe('third-party mediation clock', () => {
  it('has no clock before the contact is sent', () => {
    expect(nextMediationDeadlines(openMediation('Banco Sicredi', 'layout'))).toEqual([]);
  });

  it('starts when the contact is sent: resend at 24 h, report at 72 h', () => {
    const mediation = contacted();
    expect(nextMediationDeadlines(mediation)).toEqual([
      { kind: 'third-party.resend', dueAt: hours(24) },
      { kind: 'third-party.report', dueAt: hours(72) },
    ]);
    expect(dueMediationActions(mediation, hours(23.99))).toEqual([]);
    expect(dueMediationActions(mediation, hours(24))).toEqual(['third-party.resend']);
  });

  it('keeps resending every 24 h of silence until the report is due', () => {
    let mediation = recordContactSent(contacted(), { at: hours(24), means: 'email', to: 'suporte@banco.example' });
    expect(mediation.attempts.map((attempt) => attempt.kind)).toEqual(['initial', 'resend']);
    expect(nextMediationDeadlines(mediation)).toEqual([
      { kind: 'third-party.resend', dueAt: hours(48) },
      { kind: 'third-party.report', dueAt: hours(72) },
    ]);
    mediation = recordContactSent(mediation, { at: hours(48), means: 'phone', to: '0800 000 0000' });
    expect(nextMediationDeadlines(mediation)).toEqual([{ kind: 'third-party.report', dueAt: hours(72) }]);
    expect(dueMediationActions(mediation, hours(72))).toEqual(['third-party.report']);
  });

  it('restarts the 72 h (and the 24 h) at a reply that brings information', () => {
    const mediation = recordThirdPartyReply(contacted(), {
      at: hours(50),
      withInformation: true,
      summary: 'Pediram o arquivo de remessa',
    });
    expect(nextMediationDeadlines(mediation)).toEqual([
      { kind: 'third-party.resend', dueAt: hours(74) },
      { kind: 'third-party.report', dueAt: hours(122) },
    ]);
    expect(dueMediationActions(mediation, hours(72))).toEqual([]);
  });

  it('does not restart the 72 h at a reply without information, but does not nag right after it either', () => {
    const mediation = recordThirdPartyReply(contacted(), {
      at: hours(10),
      withInformation: false,
      summary: 'Recebido, vamos verificar',
    });
    expect(nextMediationDeadlines(mediation)).toEqual([
      { kind: 'third-party.resend', dueAt: hours(34) },
      { kind: 'third-party.report', dueAt: hours(72) },
    ]);
    const late = recordThirdPartyReply(contacted(), { at: hours(50), withInformation: false, summary: 'Sem previsão' });
    expect(nextMediationDeadlines(late)).toEqual([{ kind: 'third-party.report', dueAt: hours(72) }]);
  });

  it('makes the report due at once when the third party refuses us', () => {
    const mediation = recordThirdPartyRefusal(contacted(), {
      at: hours(5),
      note: 'Só atendem o cliente titular da conta',
    });
    expect(mediation.status).toBe('refused');
    expect(nextMediationDeadlines(mediation)).toEqual([{ kind: 'third-party.report', dueAt: hours(5) }]);
    expect(dueMediationActions(mediation, hours(5))).toEqual(['third-party.report']);
  });

  it('stops every clock once the report is produced or the mediation concluded', () => {
    const reported = recordReportProduced(contacted(), hours(72));
    expect(reported.status).toBe('reported');
    expect(nextMediationDeadlines(reported)).toEqual([]);
    expect(nextMediationDeadlines(concludeMediation(contacted(), hours(30)))).toEqual([]);
  });

  it('refuses events that cannot happen', () => {
    const fresh = openMediation('Banco Sicredi', 'layout');
    expect(() => recordThirdPartyReply(fresh, { at: t0, withInformation: true, summary: 'x' })).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        message: expect.stringMatching(/before the third party was contacted/),
      }),
    );
    expect(() => recordThirdPartyReply(contacted(), { at: hours(-1), withInformation: true, summary: 'x' })).toThrow(
      /before the first contact/,
    );
    expect(() => recordReportProduced(contacted(), hours(71))).toThrow(/not due/);
    expect(() =>
      recordContactSent(recordReportProduced(contacted(), hours(72)), { at: hours(73), means: 'email', to: 'x' }),
    ).toThrow(/reported/);
    expect(() => openMediation(' ', 'layout')).toThrow(
      expect.objectContaining({
        kind: 'bad_input',
        details: { errors: [expect.objectContaining({ field: 'thirdPartyName' })] },
      }),
    );
  });
});
