// The server discovers this package by the `escala.connector` marker in package.json and loads
// this default export: nothing else to register.
export { microsoftTeamsConnector as default } from './microsoft-teams.connector.js';
