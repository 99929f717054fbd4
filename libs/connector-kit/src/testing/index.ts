export * from './contract-tests.js';
export * from './fake-http-receiver.js';
export * from './in-memory-core-port.js';
export * from './sample-events.js';
