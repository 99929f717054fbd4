import type { Category, SupportStructure } from './support-structure.js';

const category = (key: string, ptBR: string, en: string): Category => ({ key, label: { 'pt-BR': ptBR, en } });

// Categories both structures' teams receive (docs/playbook.md §10).
const FINANCIAL = [
  category('financeiro', 'Financeiro', 'Financial'),
  category('comercial', 'Comercial', 'Commercial'),
  category('faturamento', 'Faturamento', 'Billing'),
];
const CANCELLATION = category('cancelamento', 'Cancelamento', 'Cancellation');

/** docs/playbook.md §10.1: Relacionamento, N1 in two stages (1 h / 2 h analysis), N2. */
export const TWO_STAGE_N1: SupportStructure = {
  name: 'Relacionamento, N1 em dois estágios e N2',
  entryUnit: 'N1-E1',
  spocUnit: null,
  categories: [
    category('duvida-utilizacao', 'Dúvida de utilização', 'Usage question'),
    category('erro-sistema', 'Erro no sistema', 'System error'),
    CANCELLATION,
    ...FINANCIAL,
    category('migracao', 'Migração', 'Migration'),
    category('homologacao-bancaria', 'Homologação bancária', 'Bank file certification'),
    category('homologacao-nfse', 'Homologação NFS-e', 'NFS-e certification'),
    category('treinamento', 'Treinamento', 'Training'),
    category('relatorio', 'Relatório', 'Report'),
    category('implantacao-w3', 'Implantação do W3 Server', 'W3 Server deployment'),
    category('banco-de-dados', 'Erro de banco de dados', 'Database error'),
    category('agendamento-reuniao', 'Agendamento de reunião', 'Meeting scheduling'),
    category('sugestao-melhoria', 'Sugestão de melhoria', 'Improvement suggestion'),
    category('cadastro-supervisores', 'Cadastro de supervisores', 'Supervisor registration'),
  ],
  units: [
    {
      key: 'REL',
      kind: 'desk',
      name: 'Relacionamento',
      tier: null,
      stage: null,
      talksToCustomers: true,
      firstResponseHours: null,
      analysisHours: null,
      categories: ['agendamento-reuniao', 'sugestao-melhoria', 'cadastro-supervisores'],
      escalatesTo: ['N1-E1', 'N1-E2', 'N2'],
    },
    {
      key: 'N1-E1',
      kind: 'stage',
      name: 'Nível 1 — Estágio 1',
      tier: 'N1',
      stage: 1,
      talksToCustomers: true,
      firstResponseHours: null,
      analysisHours: 1,
      categories: ['duvida-utilizacao', 'erro-sistema', 'cancelamento'],
      escalatesTo: ['N1-E2', 'N2'],
    },
    {
      key: 'N1-E2',
      kind: 'stage',
      name: 'Nível 1 — Estágio 2',
      tier: 'N1',
      stage: 2,
      talksToCustomers: true,
      firstResponseHours: null,
      analysisHours: 2,
      categories: [
        'financeiro',
        'comercial',
        'faturamento',
        'migracao',
        'homologacao-bancaria',
        'homologacao-nfse',
        'treinamento',
      ],
      escalatesTo: ['N2'],
    },
    {
      key: 'N2',
      kind: 'tier',
      name: 'Nível 2',
      tier: 'N2',
      stage: null,
      talksToCustomers: true,
      firstResponseHours: null,
      analysisHours: null,
      categories: ['relatorio', 'implantacao-w3', 'banco-de-dados'],
      escalatesTo: [],
    },
  ],
};

const tier = (
  key: string,
  name: string,
  firstResponseHours: number,
  talksToCustomers: boolean,
  categories: string[],
  escalatesTo: string[],
) => ({
  key,
  kind: 'tier' as const,
  name,
  tier: key,
  stage: null,
  talksToCustomers,
  firstResponseHours,
  analysisHours: null,
  categories,
  escalatesTo,
});

/** docs/playbook.md §10.2: N1 service desk as single point of contact, N2…N5 with their first-response targets. */
export const N1_N5: SupportStructure = {
  name: 'Suporte N1 a N5',
  entryUnit: 'N1',
  spocUnit: 'N1',
  categories: [
    category('configuracao-email', 'Configuração de e-mail', 'E-mail configuration'),
    category('leitor-email', 'Configuração de leitor de e-mail', 'E-mail client configuration'),
    category('formulario-contato', 'Formulário de contato', 'Contact form'),
    category('contas-email', 'Criação e gestão de contas de e-mail', 'E-mail account management'),
    category('area-administrativa', 'Dúvida na área administrativa do site', 'Site admin area question'),
    category('implementacao-tecnica', 'Implementação técnica', 'Technical implementation'),
    category('infraestrutura', 'Infraestrutura', 'Infrastructure'),
    ...FINANCIAL,
    category('cadastro', 'Atualização de dados cadastrais', 'Registration data update'),
    category('ativacao-servicos', 'Ativação de serviços', 'Service activation'),
    category('congelamento-servicos', 'Congelamento de serviços', 'Service freeze'),
    category('autorizacao-servicos', 'Autorização de serviços', 'Service authorisation'),
    CANCELLATION,
  ],
  units: [
    tier(
      'N1',
      'Nível 1 — Atendimento / Service Desk',
      24,
      true,
      ['configuracao-email', 'leitor-email', 'formulario-contato', 'contas-email', 'area-administrativa'],
      ['N2', 'N4', 'N5'],
    ),
    tier('N2', 'Nível 2 — Especialistas', 72, true, ['implementacao-tecnica'], ['N3', 'N4', 'N5']),
    tier('N3', 'Nível 3 — Engenheiro de Sistema', 72, false, ['infraestrutura'], ['N2', 'N5']),
    tier(
      'N4',
      'Nível 4 — Administrativo / Financeiro',
      24,
      true,
      [
        'financeiro',
        'comercial',
        'faturamento',
        'cadastro',
        'ativacao-servicos',
        'congelamento-servicos',
        'autorizacao-servicos',
        'cancelamento',
      ],
      ['N5'],
    ),
    tier('N5', 'Nível 5 — Gerência', 24, true, [], []),
  ],
};

export const STRUCTURE_PRESETS = { 'two-stage-n1': TWO_STAGE_N1, 'n1-n5': N1_N5 } as const;

export type StructurePresetKey = keyof typeof STRUCTURE_PRESETS;

export const STRUCTURE_PRESET_KEYS = Object.keys(STRUCTURE_PRESETS) as StructurePresetKey[];
