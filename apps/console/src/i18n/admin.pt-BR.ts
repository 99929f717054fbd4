/** Texts of the leader's and admin's screens added with issue 14 (reports, live updates), pt-BR first. */
export const adminPtBR = {
  navAdmin: { reports: 'Relatórios' },
  live: {
    on: 'Ao vivo: atualiza assim que algo muda',
    off: 'Reconectando… os dados podem estar atrasados',
  },
  reports: {
    title: 'Relatórios',
    report: 'Relatório',
    from: 'De',
    to: 'Até',
    export: 'Exportar CSV',
    empty: 'Nada no período.',
    kinds: {
      'sla-compliance': 'Cumprimento de SLA por nível (a violação fica com o nível cujo prazo venceu)',
      'response-times': 'Tempos de primeira resposta e de análise (horas úteis)',
      'cancellation-reasons': 'Motivos de cancelamento e sistemas parceiros/concorrentes',
      'third-party-waits': 'Esperas por terceiros',
      backlog: 'Evolução do backlog',
    },
    columns: {
      tier: 'Nível/etapa',
      clock: 'Prazo',
      clocks: 'Prazos',
      met: 'Cumpridos',
      breached: 'Violados',
      open: 'Em andamento',
      compliancePct: 'Cumprimento (%)',
      count: 'Quantidade',
      averageHours: 'Média (h)',
      medianHours: 'Mediana (h)',
      longestHours: 'Maior (h)',
      reason: 'Motivo',
      competitorSystem: 'Sistema parceiro/concorrente',
      tickets: 'Chamados',
      thirdParty: 'Terceiro',
      mediations: 'Mediações',
      averageWaitHours: 'Espera média (h)',
      longestWaitHours: 'Maior espera (h)',
      resends: 'Reenvios',
      day: 'Dia',
      opened: 'Abertos',
      closed: 'Encerrados',
      backlog: 'Backlog',
    },
    clocks: { 'first-response': 'Primeira resposta', analysis: 'Análise' },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type AdminMessages = Shape<typeof adminPtBR>;
