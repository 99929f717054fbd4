import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, CONSOLE_BASE } from './app';

// The server answers / with this page; the console's own routes are under /console.
if (!window.location.pathname.startsWith(CONSOLE_BASE)) window.history.replaceState(null, '', `${CONSOLE_BASE}/`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
