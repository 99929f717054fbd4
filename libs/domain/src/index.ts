export * from './access/roles.js';
