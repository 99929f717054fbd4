/** Texts of the admin's people screen (create, deactivate, identities in other systems), pt-BR first. */
export const usersPtBR = {
  people: {
    create: {
      title: 'Nova pessoa',
      login: 'Usuário (login)',
      displayName: 'Nome',
      email: 'E-mail',
      roles: 'Papéis',
      password: 'Senha inicial',
      passwordHint: 'Deixe em branco para o Escala gerar uma e mostrá-la uma única vez.',
      submit: 'Criar pessoa',
      created: '{{name}} foi criada.',
      initialPassword: 'Senha inicial (mostrada só agora, repasse-a à pessoa): {{password}}',
    },
    access: 'Acesso',
    deactivate: 'Desativar',
    reactivate: 'Reativar',
    deactivateOf: 'Desativar {{name}}',
    reactivateOf: 'Reativar {{name}}',
    holdsTickets: 'Reatribua estes atendimentos antes de desativar:',
    identities: {
      title: 'Identidades em outros sistemas',
      none: 'Nenhuma identidade vinculada.',
      system: 'Sistema',
      id: 'Identificador',
      link: 'Vincular',
      unlink: 'Remover {{system}} {{id}}',
      systems: { email: 'E-mail', entra: 'Microsoft Teams (Entra)', google: 'Google (Planilhas)' },
    },
  },
};
