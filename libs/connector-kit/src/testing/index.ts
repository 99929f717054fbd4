export * from './contract-tests.js';
export * from './fake-http-receiver.js';
