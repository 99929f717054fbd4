import type { ChannelState, JsonValue } from '@escala/connector-kit';
import { SHEET_FIELDS } from './google-sheets.config.js';
import type { Layout, RowValues } from './sheet-cells.js';

/** Rows are kept in shards: one value may hold 256 KiB, and 5 000 rows of the error sheet do not fit in one. */
const SHARDS = 8;

/**
 * A row as stored: its values in `SHEET_FIELDS` order, trailing blanks left out. Field names on
 * every row would take a third of the channel's 1 MiB at 5 000 rows.
 */
type StoredRow = string[];

function stored(row: RowValues): StoredRow {
  const values = SHEET_FIELDS.map((field) => row[field] ?? '');
  while (values.length && values[values.length - 1] === '') values.pop();
  return values;
}

function loaded(row: StoredRow): RowValues {
  return Object.fromEntries(SHEET_FIELDS.map((field, index) => [field, row[index] ?? '']));
}

export interface SheetInfo {
  sheetId: number;
  timeZone: string;
  layout: Layout;
  /** The Drive version of the last read that the snapshot matches; null before the first. */
  version: string | null;
}

/** What could not be matched when rows already in the sheet were linked, for the admin to see. */
export interface LinkReport {
  at: string;
  rowsRead: number;
  linked: number;
  unmatched: Array<{ row: number; key: string; reason: string }>;
}

/**
 * The channel's memory of its sheet: where the tab is, the last synced values of every tracked row
 * (keyed by ticket number) and the values Escala still has to write. Diffs are taken against it.
 */
export class SheetState {
  constructor(private readonly state: ChannelState) {}

  async info(): Promise<SheetInfo | null> {
    return (await this.state.get('sheet')) as SheetInfo | null;
  }

  putInfo(info: SheetInfo): Promise<void> {
    return this.state.put('sheet', info as unknown as JsonValue);
  }

  async rows(): Promise<Map<number, RowValues>> {
    const rows = new Map<number, RowValues>();
    for (let shard = 0; shard < SHARDS; shard += 1) {
      const values = ((await this.state.get(`rows/${shard}`)) ?? {}) as Record<string, StoredRow>;
      for (const [number, row] of Object.entries(values)) rows.set(Number(number), loaded(row));
    }
    return rows;
  }

  async row(number: number): Promise<RowValues | undefined> {
    const values = ((await this.state.get(shardKey(number))) ?? {}) as Record<string, StoredRow>;
    return values[number] && loaded(values[number]);
  }

  /** Writes only the shards holding a changed row. */
  async putRows(changed: Map<number, RowValues | null>): Promise<void> {
    const byShard = new Map<string, Array<[number, RowValues | null]>>();
    for (const entry of changed) byShard.set(shardKey(entry[0]), [...(byShard.get(shardKey(entry[0])) ?? []), entry]);
    for (const [key, entries] of byShard) {
      const values = { ...(((await this.state.get(key)) ?? {}) as Record<string, StoredRow>) };
      for (const [number, row] of entries) {
        if (row) values[number] = stored(row);
        else delete values[number];
      }
      await this.state.put(key, Object.keys(values).length ? (values as JsonValue) : null);
    }
  }

  async dirty(): Promise<Map<number, RowValues>> {
    const values = ((await this.state.get('dirty')) ?? {}) as Record<string, RowValues>;
    return new Map(Object.entries(values).map(([number, row]) => [Number(number), row]));
  }

  putDirty(dirty: Map<number, RowValues>): Promise<void> {
    return this.state.put('dirty', dirty.size ? (Object.fromEntries(dirty) as JsonValue) : null);
  }

  async linkReport(): Promise<LinkReport | null> {
    return (await this.state.get('link-report')) as LinkReport | null;
  }

  putLinkReport(report: LinkReport): Promise<void> {
    return this.state.put('link-report', report as unknown as JsonValue);
  }
}

function shardKey(number: number): string {
  return `rows/${number % SHARDS}`;
}
