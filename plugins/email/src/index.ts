// The server discovers this package by the `escala.connector` marker in package.json and loads
// this default export: nothing else to register.
export { emailConnector as default } from './email.connector.js';
