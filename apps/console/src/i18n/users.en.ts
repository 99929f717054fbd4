import type { usersPtBR } from './users.pt-BR';

/** English texts of the admin's people screen; same keys as the pt-BR file. */
export const usersEn: typeof usersPtBR = {
  people: {
    create: {
      title: 'New person',
      login: 'User name (login)',
      displayName: 'Name',
      email: 'E-mail',
      roles: 'Roles',
      password: 'Initial password',
      passwordHint: 'Leave empty and Escala generates one, shown this once.',
      submit: 'Create person',
      created: '{{name}} was created.',
      initialPassword: 'Initial password (shown only now, hand it to the person): {{password}}',
    },
    access: 'Access',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    deactivateOf: 'Deactivate {{name}}',
    reactivateOf: 'Reactivate {{name}}',
    holdsTickets: 'Reassign these tickets before deactivating:',
    identities: {
      title: 'Identities in other systems',
      none: 'No identity linked.',
      system: 'System',
      id: 'Identifier',
      link: 'Link',
      unlink: 'Remove {{system}} {{id}}',
      systems: { email: 'E-mail', entra: 'Microsoft Teams (Entra)', google: 'Google (Sheets)' },
    },
  },
};
