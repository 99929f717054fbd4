import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../generated/api';
import { i18next } from '../i18n/i18n';

const TOKEN_KEY = 'escala.token';

/** The session token lives in sessionStorage: closing the tab ends the console session. */
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

const bearer: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    // What the server writes for people to read (the history's system lines) follows the language chosen here.
    request.headers.set('accept-language', i18next.language);
    return request;
  },
};

/**
 * The one way the console talks to the server: paths, parameters and request bodies are typed from
 * the OpenAPI document the server writes at build time, so a renamed route or field fails the build.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);
