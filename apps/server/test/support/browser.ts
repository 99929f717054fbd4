import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../src/console/serve-console.js';

/** Debian's Chromium (`.ci/run` installs it); tests never download a browser of their own. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where end-to-end runs leave their screenshots (git-ignored). */
export const SCREENSHOTS = join(process.cwd(), '.e2e-artifacts');

/**
 * Headless Chromium with everything that would phone home switched off: this machine's network is
 * closed, and background connections only slow the start. Playwright gives each launch a fresh profile.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The console end-to-end tests serve the built console; say how to build it instead of failing on a blank page. */
export function assertConsoleBuilt(): void {
  if (!existsSync(join(CONSOLE_DIST, 'index.html')))
    throw new Error(`the console is not built (${CONSOLE_DIST}): npm run build`);
}

/** A pt-BR console page that fails on a missing locator, with its name, well before the test's own timeout. */
export async function newConsolePage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'pt-BR' });
  page.setDefaultTimeout(10_000);
  return page;
}

/** Logs in through the form on the console's first screen. */
export async function logIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Usuário').fill(login);
  await page.getByLabel('Senha').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}
