/** Texts of the admin editors (templates, users and placements, business calendar, structure), pt-BR first. */
export const editorsPtBR = {
  navEditors: {
    templates: 'Modelos de texto',
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
  },
};

export type EditorMessages = typeof editorsPtBR;
