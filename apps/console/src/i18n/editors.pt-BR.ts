/** Texts of the admin editors (templates, users and placements, business calendar, structure), pt-BR first. */
export const editorsPtBR = {
  navEditors: {
    templates: 'Modelos de texto',
    users: 'Pessoas e posições',
  },
  editors: {
    save: 'Salvar',
    saved: 'Salvo',
    templates: {
      title: 'Modelos de texto do playbook',
      pick: 'Escolha um modelo à esquerda para editar.',
      edited: 'editado',
      variables: 'Variáveis',
      body: 'Texto',
      reset: 'Voltar ao padrão',
      preview: 'Pré-visualização (valores de exemplo)',
    },
    users: {
      title: 'Pessoas, papéis e posições',
      person: 'Pessoa',
      roles: 'Papéis',
      placement: 'Posição na estrutura',
      inactive: 'inativa',
      rolesOf: 'Papéis de {{name}}',
      unitOf: 'Nível/etapa de {{name}}',
      functionOf: 'Função de {{name}}',
      notPlaced: 'Fora da estrutura',
      saveRoles: 'Salvar papéis',
      place: 'Posicionar',
      placed: 'Posicionada em {{unit}}',
      functions: { agent: 'Atendente', supervisor: 'Supervisor(a)' },
    },
    roles: { agent: 'Atendente', leader: 'Liderança', admin: 'Administração', relationship: 'Relacionamento' },
  },
};

export type EditorMessages = typeof editorsPtBR;
