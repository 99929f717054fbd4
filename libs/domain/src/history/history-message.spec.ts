import Mustache from 'mustache';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../playbook/templates.js';
import { Refusal } from '../refusal/refusal.js';
import { historyMessage, parseHistoryMessage, renderHistoryMessage } from './history-message.js';
import { HISTORY_MESSAGES, HISTORY_MESSAGE_KEYS } from './history-messages.js';

describe('history messages', () => {
  it('renders a status change in pt-BR and English through the status labels, never the codes', () => {
    const line = historyMessage('ticket.status-changed', { from: 'new', to: 'in_analysis', reason: 'cliente ligou' });
    expect(renderHistoryMessage(line, 'pt-BR')).toBe('Situação: Novo → Em análise — cliente ligou');
    expect(renderHistoryMessage(line, 'en')).toBe('Status: New → In analysis — cliente ligou');
  });

  it('leaves out an optional part whose value is absent', () => {
    const line = historyMessage('ticket.status-changed', { from: 'resolved', to: 'closed' });
    expect(renderHistoryMessage(line, 'en')).toBe('Status: Resolved → Closed');
  });

  it('shows a take ahead of the queue with its reason label and the status move', () => {
    const line = historyMessage('ticket.taken-ahead', {
      agent: 'Ana',
      reason: 'leader-priority',
      from: 'new',
      to: 'in_analysis',
    });
    expect(renderHistoryMessage(line, 'pt-BR')).toBe(
      'Atendimento assumido antes dos mais antigos por Ana — motivo: prioridade marcada pelo líder — situação: Novo → Em análise',
    );
    expect(renderHistoryMessage(line, 'en')).toBe(
      "Taken ahead of older tickets by Ana — reason: the leader's priority mark — status: New → In analysis",
    );
  });

  it('shows units by name and texts that carry their own wording in the reader’s language', () => {
    const escalated = historyMessage('ticket.escalated', {
      fromUnit: { key: 'n1', name: 'Nível 1' },
      toUnit: { key: 'n2', name: 'Nível 2' },
      reason: 'erro no fiscal',
    });
    expect(renderHistoryMessage(escalated, 'en')).toBe('Escalated from Nível 1 to Nível 2: erro no fiscal');
    const entitled = historyMessage('entitlement.missing', {
      explanation: { 'pt-BR': 'contrato vencido', en: 'contract expired' },
    });
    expect(renderHistoryMessage(entitled, 'pt-BR')).toBe('Sem direito: contrato vencido');
    expect(renderHistoryMessage(entitled, 'en')).toBe('Not entitled: contract expired');
  });

  it('inserts values verbatim: a value that looks like a template is not rendered again', () => {
    const line = historyMessage('partner.support-notified', { partner: '{{by}}', by: '<b>Ana</b>', note: 'a & b' });
    expect(renderHistoryMessage(line, 'pt-BR')).toBe('Suporte de {{by}} notificado por <b>Ana</b>: a & b');
  });

  it('uses in each body only the values its key declares, in both locales', () => {
    for (const key of HISTORY_MESSAGE_KEYS)
      for (const locale of LOCALES) {
        const names = Mustache.parse(HISTORY_MESSAGES[key].body[locale]).flatMap(function names(token): string[] {
          const nested = (token[4] as Mustache.TemplateSpans | undefined) ?? [];
          return [...(['name', '#', '^'].includes(token[0]) ? [token[1]] : []), ...nested.flatMap(names)];
        });
        expect(Object.keys(HISTORY_MESSAGES[key].values), `${key} (${locale})`).toEqual(
          expect.arrayContaining([...new Set(names)]),
        );
      }
  });

  it('refuses a key or values that do not fit the catalogue', () => {
    const refused = (key: unknown, values: unknown) => {
      try {
        parseHistoryMessage(key, values);
      } catch (error) {
        expect(error).toBeInstanceOf(Refusal);
        const [fault] = (error as Refusal).details.errors ?? [];
        return `${fault?.field}: ${fault?.message}`;
      }
      return 'accepted';
    };
    expect(refused('ticket.deleted', {})).toMatch(/unknown history message/);
    expect(refused('__proto__', {})).toMatch(/unknown history message/);
    expect(refused('ticket.status-changed', [])).toMatch(/must be an object/);
    expect(refused('ticket.status-changed', { from: 'new' })).toBe('message.values.to: is required');
    expect(refused('ticket.status-changed', { from: 'new', to: 'deleted' })).toMatch(/must be one of/);
    expect(refused('ticket.status-changed', { from: 'new', to: 'closed', extra: 'x' })).toMatch(/no value "extra"/);
    expect(refused('sheet.row-deleted', { number: 'NaN', tab: 'Erros' })).toMatch(/must be a number/);
    expect(refused('entitlement.verified', { explanation: { 'pt-BR': 'ok' } })).toMatch(/for each of/);
    expect(refused('ticket.status-changed', { from: 'new', to: 'closed', reason: null })).toBe('accepted');
  });

  it('types the values by key', () => {
    // @ts-expect-error an unknown status is not a status
    historyMessage('ticket.status-changed', { from: 'new', to: 'deleted' });
    // @ts-expect-error the agent is required
    historyMessage('ticket.taken', {});
  });
});
