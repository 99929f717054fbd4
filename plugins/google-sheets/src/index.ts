// The server discovers this package by the `escala.connector` marker in package.json and loads
// this default export: nothing else to register.
export { googleSheetsConnector as default } from './google-sheets.connector.js';
