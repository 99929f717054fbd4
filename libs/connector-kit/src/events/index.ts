export * from './event-catalogue.js';
export * from './ticket-summary.js';
