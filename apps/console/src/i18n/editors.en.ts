import type { EditorMessages } from './editors.pt-BR';

/** English texts of the admin editors; same keys as pt-BR. */
export const editorsEn: EditorMessages = {
  navEditors: {
    templates: 'Text templates',
    users: 'People and placements',
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
    users: {
      title: 'People, roles and placements',
      person: 'Person',
      roles: 'Roles',
      placement: 'Placement in the structure',
      inactive: 'inactive',
      rolesOf: 'Roles of {{name}}',
      unitOf: 'Tier/stage of {{name}}',
      functionOf: 'Function of {{name}}',
      notPlaced: 'Not placed',
      saveRoles: 'Save roles',
      place: 'Place',
      placed: 'Placed in {{unit}}',
      functions: { agent: 'Agent', supervisor: 'Supervisor' },
    },
    roles: { agent: 'Agent', leader: 'Leader', admin: 'Admin', relationship: 'Relationship' },
  },
};
