// The server discovers this package by the `escala.connector` marker in package.json and loads
// this default export: nothing else to register.
export { webhookConnector as default } from './webhook.connector.js';
