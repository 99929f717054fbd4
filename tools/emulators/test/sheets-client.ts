import { drive } from '@googleapis/drive';
import { auth, sheets } from '@googleapis/sheets';
import { DEFAULT_GOOGLE_ACCESS_TOKEN, type GoogleSheetsEmulator } from '../src/index.js';

/** The real googleapis clients pointed at the emulator, authenticated by a fixed access token. */
export function googleClients(emulator: GoogleSheetsEmulator, accessToken = DEFAULT_GOOGLE_ACCESS_TOKEN) {
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
  return {
    sheets: sheets({ version: 'v4', auth: client, rootUrl: emulator.rootUrl }),
    drive: drive({ version: 'v3', auth: client, rootUrl: emulator.rootUrl }),
  };
}
