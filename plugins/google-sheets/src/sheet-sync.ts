import type { sheets_v4 } from '@googleapis/sheets';
import type { Attribution, ChannelPort, InboundChange, PollResult } from '@escala/connector-kit';
import { accountOf, type GoogleApi } from './google-api.js';
import { EDITABLE_FIELDS, type EditableField, type SheetField } from './google-sheets.config.js';
import type { RowValues } from './sheet-cells.js';
import { editChange, removedChange, type RowEdit } from './sheet-edits.js';
import { layoutOf, sheetInfo } from './sheet-info.js';
import { metadataLookup, readSheet, reconcile, type Reconciled } from './sheet-read.js';
import { SheetState, type LinkReport, type SheetInfo } from './sheet-state.js';
import { anchorRow, insertRow, reanchorRow, rowByMetadata, updateRowCells } from './sheet-writes.js';

type Request = sheets_v4.Schema$Request;

/** What one cycle changes in the sheet: kept apart so it is sent as one request. */
interface WritePlan {
  /** Structural fixes (anchors, keys) at the positions just read. */
  requests: Request[];
  /** Rows put back, inserted after everything else so the positions read stay true until then. */
  inserts: Request[];
  /** Rows this cycle recreates: a retry first checks they are not there already. */
  recreated: number[];
  /** Escala's queued values, by ticket number. */
  values: Map<number, RowValues>;
  /** Where each tracked row was found by this cycle's read (none when nothing was read). */
  rows: Map<number, number>;
}

/**
 * One sync cycle: Drive's `version` says whether anything changed (one cheap request when nothing
 * did); when it moved, one read of the tab with every tracked row's metadata, a diff keyed by
 * ticket against the snapshot, and people's edits become inbound changes; then everything Escala
 * has to write goes in one request. At most three requests, whatever the number of rows.
 */
export async function syncCycle(api: GoogleApi, port: ChannelPort): Promise<PollResult> {
  const { config } = api;
  const state = new SheetState(port.state);
  const info = await sheetInfo(api, state);
  const file = await api.call((signal) =>
    api.drive.files.get(
      { fileId: config.spreadsheetId, fields: 'version,lastModifyingUser(emailAddress)', supportsAllDrives: true },
      { signal },
    ),
  );
  const version = String(file.version);
  const dirty = await state.dirty();
  if (version === info.version && dirty.size === 0) return { changes: [], cursor: version };

  const snapshot = await state.rows();
  const changed = new Map<number, RowValues | null>();
  const changes: InboundChange[] = [];
  const plan: WritePlan = { requests: [], inserts: [], recreated: [], values: dirty, rows: new Map() };
  let layout = info.layout;

  if (version !== info.version) {
    const tracked = [...snapshot.keys()];
    const read = await readSheet(api, tracked);
    layout = layoutOf(read.grid[config.headerRow - 1], api);
    const found = reconcile(read, layout, config.headerRow, tracked);
    const editor = file.lastModifyingUser?.emailAddress;
    const attribution: Attribution | undefined =
      editor && editor !== accountOf(config) ? { identity: { system: 'google', id: editor } } : undefined;
    for (const [number, row] of found.located) plan.rows.set(number, row.rowIndex);
    fixStructure(found, info.sheetId, layout, snapshot, plan, changed);
    for (const edit of peopleEdits(found, snapshot, plan, changed, api))
      changes.push(editChange(config, version, edit, attribution));
    for (const number of found.missing) {
      if (config.onRowDeleted === 'recreate') {
        const values = { ...snapshot.get(number), ...plan.values.get(number) };
        plan.inserts.push(...insertRow(info.sheetId, config.headerRow, number, values, layout));
        plan.recreated.push(number);
        plan.values.delete(number);
        changed.set(number, values);
      } else {
        changes.push(removedChange(config, version, number));
        changed.set(number, null);
        plan.values.delete(number);
      }
    }
    if (info.version === null) await linkRows(found, info, port, plan, changed, state);
  }

  await flush(api, info.sheetId, layout, plan);
  for (const [number, values] of plan.values)
    changed.set(number, { ...(changed.get(number) ?? snapshot.get(number)), ...values });
  await state.putRows(changed);
  await state.putDirty(new Map());
  await state.putInfo({ ...info, layout, version });
  return { changes, cursor: version };
}

/** Metadata moved back onto the rows that show its ticket, keys typed over written back. */
function fixStructure(
  found: Reconciled,
  sheetId: number,
  layout: SheetInfo['layout'],
  snapshot: Map<number, RowValues>,
  plan: WritePlan,
  changed: Map<number, RowValues | null>,
) {
  for (const [number, row] of found.located) {
    if (row.reanchor) plan.requests.push(...reanchorRow(sheetId, row.rowIndex, number));
    if (row.restoreKey) {
      plan.requests.push(...updateRowCells(sheetId, row.rowIndex, { number: String(number) }, layout));
      changed.set(number, { ...snapshot.get(number), number: String(number) });
    }
  }
}

/**
 * People's edits of the columns they own, against the snapshot. A column changed on both sides
 * since the last sync keeps the sheet's value (people work there; the ticket records what Escala
 * had); Escala's other queued values are still written.
 */
function peopleEdits(
  found: Reconciled,
  snapshot: Map<number, RowValues>,
  plan: WritePlan,
  changed: Map<number, RowValues | null>,
  api: GoogleApi,
): RowEdit[] {
  const readable = api.config.columns.filter(
    (column): column is typeof column & { field: EditableField } =>
      column.direction !== 'to-sheet' && (EDITABLE_FIELDS as readonly string[]).includes(column.field),
  );
  const edits: RowEdit[] = [];
  for (const [number, row] of found.located) {
    const before = snapshot.get(number) ?? {};
    const queued = plan.values.get(number);
    const edit: RowEdit = { number, rowNumber: row.rowIndex + 1, fields: {}, conflicts: [] };
    for (const { field } of readable) {
      const now = row.values[field] ?? '';
      if (now === (before[field] ?? '')) continue;
      (edit.fields as Record<string, string | null>)[field] = now === '' ? null : now;
      const escala = queued?.[field];
      if (escala !== undefined) {
        if (escala !== now) edit.conflicts.push({ field, escala, sheet: now });
        delete queued![field];
      }
    }
    if (queued && Object.keys(queued).length === 0) plan.values.delete(number);
    if (Object.keys(edit.fields).length === 0) continue;
    edits.push(edit);
    const merged: RowValues = { ...before };
    for (const { field } of readable) merged[field as SheetField] = row.values[field] ?? '';
    changed.set(number, merged);
  }
  return edits;
}

/**
 * The first read of a sheet that already has rows: each row whose key is the number of a ticket
 * is linked to it (metadata added, tracked from now on); the rest is reported, not guessed.
 */
async function linkRows(
  found: Reconciled,
  info: SheetInfo,
  port: ChannelPort,
  plan: WritePlan,
  changed: Map<number, RowValues | null>,
  state: SheetState,
) {
  const report: LinkReport = {
    at: new Date().toISOString(),
    rowsRead: found.untracked.length,
    linked: 0,
    unmatched: [],
  };
  const seen = new Map<string, number>();
  for (const row of found.untracked) seen.set(row.key, (seen.get(row.key) ?? 0) + 1);
  for (const row of found.untracked) {
    const unmatched = (reason: string) => report.unmatched.push({ row: row.rowIndex + 1, key: row.key, reason });
    if (!/^\d+$/.test(row.key)) unmatched('the key is not a ticket number');
    else if (seen.get(row.key)! > 1) unmatched('more than one row has this number');
    else if (!(await port.getTicketSummary({ number: Number(row.key) }))) unmatched('no ticket has this number');
    else {
      plan.requests.push(anchorRow(info.sheetId, row.rowIndex, Number(row.key)));
      changed.set(Number(row.key), row.values);
      report.linked += 1;
    }
  }
  await state.putLinkReport(report);
}

/**
 * Everything Escala writes this cycle, in one request. Escala's values normally go through
 * `values.batchUpdateByDataFilter`, each row found by its metadata at the moment of the write
 * (RAW: text that looks like a formula stays text). When anchors or keys need fixing, or rows are
 * put back, one `spreadsheets.batchUpdate` carries it all, at the positions this cycle read.
 */
async function flush(api: GoogleApi, sheetId: number, layout: SheetInfo['layout'], plan: WritePlan): Promise<void> {
  const { config } = api;
  if (plan.requests.length || plan.inserts.length) {
    const values = [...plan.values].flatMap(([number, row]) => {
      const rowIndex = plan.rows.get(number);
      return rowIndex === undefined ? [] : updateRowCells(sheetId, rowIndex, row, layout);
    });
    const requests = [...plan.requests, ...values, ...plan.inserts];
    await api.write(
      (signal) =>
        api.sheets.spreadsheets.batchUpdate(
          { spreadsheetId: config.spreadsheetId, requestBody: { requests } },
          { signal },
        ),
      async () => plan.recreated.length > 0 && (await anchored(api, plan.recreated[0]!)),
    );
    return;
  }
  if (plan.values.size === 0) return;
  await api.call((signal) =>
    api.sheets.spreadsheets.values.batchUpdateByDataFilter(
      {
        spreadsheetId: config.spreadsheetId,
        requestBody: {
          valueInputOption: 'RAW',
          data: [...plan.values].map(([number, values]) => rowByMetadata(number, values, layout)),
        },
      },
      { signal },
    ),
  );
}

async function anchored(api: GoogleApi, number: number): Promise<boolean> {
  const found = await api.call((signal) =>
    api.sheets.spreadsheets.developerMetadata.search(
      { spreadsheetId: api.config.spreadsheetId, requestBody: { dataFilters: [metadataLookup(number)] } },
      { signal },
    ),
  );
  return (found.matchedDeveloperMetadata ?? []).length > 0;
}
