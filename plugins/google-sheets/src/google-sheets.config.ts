import { secret } from '@escala/connector-kit';
import { TICKET_STATUSES } from '@escala/domain';
import { z } from 'zod';

/** The ticket data a column can hold; `number` is the key every row is matched by. */
export const SHEET_FIELDS = [
  'number',
  'customer',
  'module',
  'description',
  'authorisedAt',
  'authorisedBy',
  'externalStatus',
  'devRequestReference',
  'fixVersion',
  'note',
] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];

/** Fields a person may edit in the sheet (they become ticket updates); the others only Escala writes. */
export const EDITABLE_FIELDS = ['externalStatus', 'devRequestReference', 'fixVersion', 'note'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const column = z.strictObject({
  field: z.enum(SHEET_FIELDS),
  header: z.string().trim().min(1).max(100),
  /** `to-sheet`: Escala writes it; `from-sheet`: people write it and Escala reads it; `both`. */
  direction: z.enum(['to-sheet', 'from-sheet', 'both']),
});
export type SheetColumn = z.output<typeof column>;

/** The error-correction sheet as teams keep it (seed 000), headers in pt-BR. */
export const DEFAULT_COLUMNS: SheetColumn[] = [
  { field: 'number', header: 'Nº SSC', direction: 'to-sheet' },
  { field: 'customer', header: 'Cliente', direction: 'to-sheet' },
  { field: 'module', header: 'Módulo', direction: 'to-sheet' },
  { field: 'description', header: 'Descrição do erro', direction: 'to-sheet' },
  { field: 'authorisedAt', header: 'Data de inclusão', direction: 'to-sheet' },
  { field: 'authorisedBy', header: 'Autorizado por', direction: 'to-sheet' },
  { field: 'externalStatus', header: 'Status', direction: 'from-sheet' },
  { field: 'devRequestReference', header: 'SS/Desenvolvimento', direction: 'both' },
  { field: 'fixVersion', header: 'Versão da correção', direction: 'both' },
  { field: 'note', header: 'Observações', direction: 'both' },
];

/** What the sheet's Status means for the ticket (compared without case or accents). */
export const DEFAULT_STATUS_MOVES: Record<string, (typeof TICKET_STATUSES)[number]> = {
  'Em correção': 'waiting_development',
  Corrigido: 'resolved',
};

const serviceAccount = z.strictObject({
  type: z.literal('service_account'),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { error: 'must be the PEM private key of the service account' }),
});
/** A token minted elsewhere (a workload-identity proxy, the emulator): used as it is, never refreshed. */
const accessToken = z.strictObject({ type: z.literal('access_token'), account: z.email(), token: z.string().min(8) });

const endpoint = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** What an admin fills in for one channel of this connector. `secret()` fields are stored encrypted. */
export const googleSheetsConfigSchema = z
  .strictObject({
    spreadsheetId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{10,100}$/, 'the id in the sheet address: …/spreadsheets/d/<id>/edit')
      .describe('The spreadsheet, by the id in its address'),
    tab: z.string().trim().min(1).max(100).default('Erros').describe('The tab (sheet) holding the rows'),
    headerRow: z.number().int().min(1).max(100).default(1).describe('The row holding the column headers'),
    columns: z
      .array(column)
      .min(1)
      .max(26)
      .default(DEFAULT_COLUMNS)
      .describe('Ticket field ↔ column header, with a direction'),
    statusMoves: z
      .record(z.string().trim().min(1).max(100), z.enum(TICKET_STATUSES))
      .default(DEFAULT_STATUS_MOVES)
      .describe('A Status typed in the sheet → the ticket status it moves to'),
    onRowDeleted: z
      .enum(['recreate', 'flag'])
      .default('flag')
      .describe('A tracked row deleted by a person: put it back, or flag the ticket "removed from the sheet"'),
    credentials: secret(
      z
        .discriminatedUnion('type', [serviceAccount, accessToken])
        .describe('The service account JSON key (or an access token)'),
    ),
    sheetsUrl: endpoint.default('https://sheets.googleapis.com/').describe('Sheets API root (emulators, proxies)'),
    driveUrl: endpoint.default('https://www.googleapis.com/').describe('Drive API root (emulators, proxies)'),
    requestsPerMinute: z
      .number()
      .int()
      .min(1)
      .max(300)
      .default(60)
      .describe('Google allows ~60 requests a minute per service account: shared by its channels'),
    timeoutMs: z.number().int().min(100).max(120_000).default(30_000).describe('How long one call may take'),
  })
  .refine((config) => config.columns.filter((c) => c.field === 'number').length === 1, {
    path: ['columns'],
    message: 'exactly one column must hold the ticket number (the key)',
  })
  .refine((config) => new Set(config.columns.map((c) => c.field)).size === config.columns.length, {
    path: ['columns'],
    message: 'a field may be mapped to one column only',
  })
  .refine((config) => new Set(config.columns.map((c) => c.header)).size === config.columns.length, {
    path: ['columns'],
    message: 'two columns have the same header',
  })
  .refine(
    (config) =>
      config.columns.every(
        (c) => c.direction === 'to-sheet' || (EDITABLE_FIELDS as readonly string[]).includes(c.field),
      ),
    { path: ['columns'], message: `only ${EDITABLE_FIELDS.join(', ')} may be read from the sheet` },
  );

export type GoogleSheetsConfig = z.output<typeof googleSheetsConfigSchema>;
