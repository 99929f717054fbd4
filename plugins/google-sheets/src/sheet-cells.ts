import type { SheetColumn, SheetField } from './google-sheets.config.js';

/** A cell as UNFORMATTED_VALUE returns it; absent cells of ragged rows are padded as ''. */
export type Cell = string | number | boolean;

/** One tracked row's mapped values as Escala last saw them, by field. */
export type RowValues = Partial<Record<SheetField, string>>;

const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A cell as text: numbers typed in (an SS number 48213) are text to the ticket; a date column's
 * serial day number is the calendar date in the sheet's time zone (serials count local days, so
 * the integer part is the date whatever the zone; the zone matters for the fraction only).
 */
export function cellText(cell: Cell | undefined, field: SheetField): string {
  if (cell === undefined || cell === '') return '';
  if (field === 'authorisedAt' && typeof cell === 'number') return serialToDate(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.trim();
}

export function serialToDate(serial: number): string {
  return new Date(SERIAL_EPOCH_UTC + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** An instant as the calendar date in the sheet's time zone (`YYYY-MM-DD`), as a person there would write it. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** Where each mapped field sits in the sheet, found by its header (people move columns too). */
export interface Layout {
  /** Field → 0-based column index. */
  columns: Partial<Record<SheetField, number>>;
  width: number;
}

export function layoutFromHeader(header: Cell[], columns: SheetColumn[]): Layout | { missing: string[] } {
  const found: Partial<Record<SheetField, number>> = {};
  const missing: string[] = [];
  const normalised = header.map((cell) => normalise(String(cell)));
  for (const column of columns) {
    const index = normalised.indexOf(normalise(column.header));
    if (index < 0) missing.push(column.header);
    else found[column.field] = index;
  }
  if (missing.length) return { missing };
  return { columns: found, width: Math.max(...Object.values(found)) + 1 };
}

/** Case, accents and spacing do not make two labels different ("Nº SSC" = "nº ssc "). */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A row of the read as field values (ragged rows padded). */
export function rowValues(row: Cell[] | undefined, layout: Layout): RowValues {
  const values: RowValues = {};
  for (const [field, index] of Object.entries(layout.columns) as Array<[SheetField, number]>)
    values[field] = cellText(row?.[index], field);
  return values;
}
