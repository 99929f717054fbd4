import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './template-catalogue.js';
import { renderTemplate } from './templates.js';
import { DEFAULT_INOPERATIVE_SERVICES, declareUrgent, type InoperativeService } from './urgent.js';

const at = new Date('2026-11-23T12:00:00Z');

describe('URGENTE declaration', () => {
  it('tags the ticket, makes it skip-eligible and gives the leader alert its fields', () => {
    const declaration = declareUrgent(DEFAULT_INOPERATIVE_SERVICES, {
      serviceCode: 'busca-nfe',
      urgency: ' Fechamento fiscal hoje às 18h',
      declaredBy: 'joana',
      at,
    });
    expect(declaration).toMatchObject({ tag: 'URGENTE', skipEligible: true });
    expect(declaration.alert).toEqual({
      serviceCode: 'busca-nfe',
      serviceLabel: 'Busca NF-e',
      urgency: 'Fechamento fiscal hoje às 18h',
      declaredBy: 'joana',
      declaredAt: '2026-11-23T12:00:00.000Z',
    });
    expect(
      renderTemplate({ definitions: DEFAULT_TEMPLATES }, 'urgent.leader-alert', 'pt-BR', {
        ticketNumber: 'SSC-9',
        customerName: 'Alfa',
        serviceLabel: declaration.service.label['pt-BR'],
        urgency: declaration.alert.urgency,
        agentName: 'Joana',
      }),
    ).toBe(
      'URGENTE: Busca NF-e inoperante para o cliente Alfa (solicitação SSC-9). Urgência informada: Fechamento fiscal hoje às 18h. Acionado por Joana.',
    );
  });

  it('keeps the urgency without a closing full stop, so the alert sentence does not end in two', () => {
    for (const urgency of ['Fechar o mês hoje.', 'Fechar o mês hoje...', 'Fechar o mês hoje … ', 'Fechar o mês hoje'])
      expect(
        declareUrgent(DEFAULT_INOPERATIVE_SERVICES, { serviceCode: 'busca-nfe', urgency, declaredBy: 'j', at }).alert
          .urgency,
      ).toBe('Fechar o mês hoje');
    expect(() =>
      declareUrgent(DEFAULT_INOPERATIVE_SERVICES, { serviceCode: 'busca-nfe', urgency: ' . ', declaredBy: 'j', at }),
    ).toThrow(/urgency/);
  });

  it('accepts only active services of the configurable catalogue, with the urgency stated', () => {
    const catalogue: InoperativeService[] = [
      ...DEFAULT_INOPERATIVE_SERVICES,
      { code: 'old-portal', label: { 'pt-BR': 'Portal antigo', en: 'Old portal' }, active: false },
    ];
    expect(() => declareUrgent(catalogue, { serviceCode: 'old-portal', urgency: 'x', declaredBy: 'j', at })).toThrow(
      /not an inoperative-service option/,
    );
    expect(() => declareUrgent(catalogue, { serviceCode: 'nope', urgency: 'x', declaredBy: 'j', at })).toThrow(
      /not an inoperative-service option/,
    );
    expect(() => declareUrgent(catalogue, { serviceCode: 'busca-nfe', urgency: '  ', declaredBy: 'j', at })).toThrow(
      /urgency/,
    );
  });
});
