import { DEFAULT_GOOGLE_ACCESS_TOKEN, startGoogleSheetsEmulator } from './google-sheets/sheets-emulator.js';
import {
  DEFAULT_CONFIDENTIAL_APP,
  DEFAULT_PUBLIC_APP,
  startMicrosoftGraphEmulator,
} from './microsoft-graph/graph-emulator.js';

/**
 * `npm run emulator:sheets` / `npm run emulator:graph`: one emulator with demo data, for trying a
 * connector by hand. Ctrl-C stops it.
 */
async function main(kind: string | undefined): Promise<void> {
  if (kind === 'sheets') {
    const emulator = await startGoogleSheetsEmulator();
    const spreadsheetId = emulator.createSpreadsheet({
      spreadsheetId: 'demo-controle-de-erros',
      title: 'Controle de Correção de Erros',
      sheets: [{ title: 'Erros', rows: [['Nº SSC', 'Cliente', 'Módulo', 'Descrição do erro', 'Status']] }],
    });
    print([
      `Google Sheets + Drive emulator at ${emulator.rootUrl} (rootUrl)`,
      `  access token: ${DEFAULT_GOOGLE_ACCESS_TOKEN}`,
      `  spreadsheet:  ${spreadsheetId}`,
    ]);
    return waitForInterrupt(() => emulator.close());
  }
  if (kind === 'graph') {
    const leader = {
      id: '11111111-2222-4333-8444-555555555555',
      displayName: 'Líder',
      userPrincipalName: 'lider@contoso.test',
    };
    const service = {
      id: '66666666-7777-4888-8999-000000000000',
      displayName: 'Escala',
      userPrincipalName: 'escala@contoso.test',
    };
    const emulator = await startMicrosoftGraphEmulator({
      users: [{ ...leader, teamsAppInstalled: true }, service],
      teams: [{ id: 'team-suporte', channels: ['19:avisos@thread.tacv2'], members: [leader.id, service.id] }],
      workflows: [{ id: 'demo-workflow', sig: 'demo-signature' }],
    });
    // Nobody can open microsoft.com/devicelogin here: the demo signs the service account in for them.
    const signIn = setInterval(() => {
      for (const code of emulator.pendingUserCodes()) {
        emulator.approveDeviceCode(code, service.id);
        print([`  device code ${code} entered by ${service.userPrincipalName}`]);
      }
    }, 1000);
    print([
      `Microsoft Graph + Entra emulator at ${emulator.url} (baseUrl and authority host; customHosts: 127.0.0.1)`,
      `  authority:          ${emulator.authority}`,
      `  confidential app:   ${DEFAULT_CONFIDENTIAL_APP.clientId} / ${DEFAULT_CONFIDENTIAL_APP.clientSecret}`,
      `  public app:         ${DEFAULT_PUBLIC_APP.clientId} (device code: approve with the user id ${service.id})`,
      `  Workflows URL:      ${emulator.workflowUrl('demo-workflow')}`,
      `  Teams channel:      team-suporte / 19:avisos@thread.tacv2 (leader ${leader.id})`,
      `  trust its CA with:  NODE_EXTRA_CA_CERTS=${emulator.ca.caFile}`,
      '  device-code sign-ins are entered automatically as the service account',
    ]);
    return waitForInterrupt(() => {
      clearInterval(signIn);
      return emulator.close();
    });
  }
  throw new Error('usage: emulator-demo sheets|graph');
}

function print(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

function waitForInterrupt(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', () => void close().then(resolve)));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
