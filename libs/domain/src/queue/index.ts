export * from './queue-policy.js';
export * from './pending-items.js';
export * from './owed-steps.js';
