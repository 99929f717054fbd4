export * from './access/roles.js';
export * from './playbook/templates.js';
export * from './playbook/template-catalogue.js';
export * from './playbook/sensitive-data.js';
export * from './playbook/sensitive-data-notice.js';
export * from './playbook/cancellation.js';
export * from './playbook/entitlements.js';
