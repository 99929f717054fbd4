import type { EditorMessages } from './editors.pt-BR';

/** English texts of the admin editors; same keys as pt-BR. */
export const editorsEn: EditorMessages = {
  navEditors: {
    templates: 'Text templates',
  },
  editors: {
    save: 'Save',
    saved: 'Saved',
    templates: {
      title: 'Playbook text templates',
      pick: 'Pick a template on the left to edit it.',
      edited: 'edited',
      variables: 'Variables',
      body: 'Text',
      reset: 'Back to default',
      preview: 'Preview (sample values)',
    },
  },
};
