export * from './sla-policy.js';
export * from './clock-events.js';
export * from './sla-clock.js';
export * from './clock-explanation.js';
export * from './sla-timers.js';
export type { RunningSpan } from './clock-timeline.js';
