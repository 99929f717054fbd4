export * from './connector-definition.js';
export * from './connector-error.js';
export * from './connector-event.js';
export * from './core-port.js';
export * from './secret-fields.js';
