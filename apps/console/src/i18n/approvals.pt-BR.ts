/** Texts of the leader's approvals (error-sheet inclusion, partner notifications), pt-BR first. */
export const approvalsPtBR = {
  approvals: {
    openTicket: 'Abrir atendimento',
    errorSheet: {
      title: 'Inclusão no Controle de Correção de Erros',
      requestedAt: 'Solicitado em {{when}}',
      authorise: 'Autorizar inclusão',
      decline: 'Recusar',
      declineReason: 'Motivo da recusa (o agente lê no atendimento)',
      confirmDecline: 'Recusar inclusão',
    },
    partner: {
      title: 'Notificações a parceiros',
      product: 'Parceiro: {{partner}} — produto: {{product}}',
      markedBy: 'Marcado por {{who}} em {{when}}',
      means: 'Meio de contato',
      note: 'Observação',
      record: 'Registrar notificação ao parceiro',
    },
  },
};
