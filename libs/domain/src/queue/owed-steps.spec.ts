import { describe, expect, it } from 'vitest';
import {
  openMediation,
  recordContactSent,
  recordThirdPartyRefusal,
  recordThirdPartyReply,
  type Mediation,
} from '../playbook/third-party-mediation.js';
import { owedPlaybookSteps, type PlaybookStepFacts } from './owed-steps.js';
import { pendingItems } from './pending-items.js';

const start = new Date('2026-12-07T10:00:00-03:00');
const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000);

const contacted = recordContactSent(openMediation('Software Fiscal Ltda', 'Versão do layout do XML'), {
  at: at(0),
  means: 'email',
  to: 'suporte@softwarefiscal.com.br',
});
const answered = recordThirdPartyReply(contacted, { at: at(2), withInformation: true, summary: 'Layout 4.0 exigido' });

function facts(overrides: Partial<PlaybookStepFacts>): PlaybookStepFacts {
  return {
    category: 'configuracao-email',
    mediation: null,
    mediationReportAt: null,
    lastPublicReplyAt: null,
    cancellationContact: null,
    heldSince: at(0),
    ...overrides,
  };
}

const owed = (overrides: Partial<PlaybookStepFacts>, hours: number, contactWithinHours?: number) =>
  owedPlaybookSteps(facts(overrides), at(hours), contactWithinHours).map(({ kind, description, dueAt }) => [
    kind,
    description,
    dueAt,
  ]);

describe('owedPlaybookSteps: third party', () => {
  it.each<[string, Mediation, Partial<PlaybookStepFacts>, number, unknown[]]>([
    ['waiting on the third party, nothing due yet', contacted, {}, 23, []],
    [
      'the 24 h resend due and not yet recorded',
      contacted,
      {},
      24,
      [['third-party', 'Reenviar o pedido de avaliação a Software Fiscal Ltda', at(24)]],
    ],
    [
      'an answer with information, not yet passed on to the customer',
      answered,
      { lastPublicReplyAt: at(1) },
      3,
      [['third-party', 'Responder ao cliente com o retorno de Software Fiscal Ltda', at(2)]],
    ],
    ['an answer with information passed on by a public reply', answered, { lastPublicReplyAt: at(2.5) }, 3, []],
    [
      'an answer without information is not news',
      recordThirdPartyReply(contacted, { at: at(2), withInformation: false, summary: 'Vamos verificar' }),
      {},
      3,
      [],
    ],
    [
      'a refusal: the report is due at once',
      recordThirdPartyRefusal(contacted, { at: at(5), note: 'Só falam com o cliente' }),
      { lastPublicReplyAt: at(1) },
      5,
      [['third-party', 'Produzir o relatório das tentativas de contato com Software Fiscal Ltda', at(5)]],
    ],
    [
      'the report produced and not yet sent to the customer',
      { ...contacted, status: 'reported', reportedAt: at(72) },
      { mediationReportAt: at(72), lastPublicReplyAt: at(1) },
      73,
      [['third-party', 'Responder ao cliente com o relatório sobre Software Fiscal Ltda', at(72)]],
    ],
    [
      'the report sent to the customer',
      { ...contacted, status: 'reported', reportedAt: at(72) },
      { mediationReportAt: at(72), lastPublicReplyAt: at(72.5) },
      73,
      [],
    ],
  ])('%s', (_label, mediation, overrides, hours, expected) => {
    expect(owed({ mediation, ...overrides }, hours)).toEqual(expected);
  });
});

describe('owedPlaybookSteps: cancellation', () => {
  const contact = { at: at(1), means: 'phone' as const, withWhom: 'Maria (sócia)' };
  it.each<[string, Partial<PlaybookStepFacts>, number | undefined, unknown[]]>([
    ['not a cancellation', {}, undefined, []],
    [
      'contact not recorded: due 4 h after the holder took it',
      { category: 'cancelamento' },
      undefined,
      [['cancellation', 'Contatar o cliente sobre o cancelamento e registrar quando, por qual meio e com quem', at(4)]],
    ],
    ['another configured time', { category: 'cancelamento' }, 8, [['cancellation', expect.any(String), at(8)]]],
    ['contact recorded', { category: 'cancelamento', cancellationContact: contact }, undefined, []],
    [
      'a contact dated in the future has not happened',
      { category: 'cancelamento', cancellationContact: { ...contact, at: at(30) } },
      undefined,
      [['cancellation', expect.any(String), at(4)]],
    ],
  ])('%s', (_label, overrides, contactWithinHours, expected) => {
    expect(owed(overrides, 2, contactWithinHours)).toEqual(expected);
  });

  it('becomes a pending item only once its time has come', () => {
    const steps = owedPlaybookSteps(facts({ category: 'cancelamento' }), at(3));
    const held = {
      ticketId: 't',
      lastCustomerMessageAt: null,
      lastPublicReplyAt: null,
      followUpAt: null,
      commitments: [],
      owedSteps: steps,
    };
    expect(pendingItems([held], at(3.9))).toEqual([]);
    expect(pendingItems([held], at(4)).map((item) => item.kind)).toEqual(['cancellation-step-owed']);
  });
});
