import { describe, expect, it } from 'vitest';
import {
  markPartnerProduct,
  partnerProductTexts,
  pendingPartnerNotifications,
  recordPartnerNotified,
} from './partner-product.js';
import { DEFAULT_TEMPLATES } from './template-catalogue.js';

const at = new Date('2026-11-23T12:00:00Z');
const later = new Date('2026-11-23T15:00:00Z');
const partnerCase = markPartnerProduct({ partnerName: 'SIEG', productName: 'SIEG Cofre', markedBy: 'joana', at });
const notification = { at: later, by: 'lider.carla', means: 'email', note: 'Enviado ao suporte SIEG' } as const;

describe('partner product', () => {
  it('tells the customer the partner will contact them and asks the leader to notify the partner', () => {
    const texts = partnerProductTexts({ definitions: DEFAULT_TEMPLATES }, 'pt-BR', partnerCase, {
      ticketNumber: 'SSC-77',
      customerName: 'Escritório Gama',
      agentName: 'Joana',
    });
    expect(texts.customerMessage).toContain('A empresa parceira entrará em contato com você');
    expect(texts.leaderNote).toBe(
      'Líder: favor notificar o suporte da empresa parceira SIEG para que entre em contato com o cliente Escritório Gama sobre o produto SIEG Cofre (solicitação SSC-77, atendida por Joana). Registre a notificação no chamado após o contato.',
    );
  });

  it('lets only a leader record the notification, once', () => {
    expect(() => recordPartnerNotified(partnerCase, notification, ['agent'])).toThrow(/Only a leader/);
    const notified = recordPartnerNotified(partnerCase, notification, ['agent', 'leader']);
    expect(notified.notification).toEqual(notification);
    expect(() => recordPartnerNotified(notified, notification, ['leader'])).toThrow(/already notified/);
    expect(() =>
      recordPartnerNotified(partnerCase, { ...notification, at: new Date('2026-11-22T00:00:00Z') }, ['leader']),
    ).toThrow(/precede/);
  });

  it("keeps unnotified cases on the leader's pending list, oldest first", () => {
    const older = { ticket: 'SSC-1', partnerCase: { ...partnerCase, markedAt: new Date('2026-11-20T00:00:00Z') } };
    const done = { ticket: 'SSC-2', partnerCase: recordPartnerNotified(partnerCase, notification, ['leader']) };
    const newer = { ticket: 'SSC-3', partnerCase };
    expect(pendingPartnerNotifications([newer, done, older]).map((item) => item.ticket)).toEqual(['SSC-1', 'SSC-3']);
  });

  it('needs the partner and the product named', () => {
    expect(() => markPartnerProduct({ partnerName: '', productName: 'x', markedBy: 'j', at })).toThrow(
      /Name the partner/,
    );
  });
});
