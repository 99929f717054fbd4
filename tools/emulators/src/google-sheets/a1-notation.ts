/**
 * A1 notation as the Sheets API reads and writes it: `Sheet1!A1:C10`, `'Página 1'!A:C`, `Sheet1!2:5`,
 * `A1` (first sheet), `Sheet1` (the whole sheet). Indexes are 0-based, ends exclusive, undefined =
 * unbounded (to the edge of the grid).
 */
export interface A1Range {
  sheetTitle?: string;
  startRow?: number;
  endRow?: number;
  startColumn?: number;
  endColumn?: number;
}

export class A1ParseError extends Error {}

const CELL = /^([A-Z]*)(\d*)$/i;

/** `sheetTitles` decides what a bare `Sheet1` means: a sheet of that name wins over a cell reference. */
export function parseA1(text: string, sheetTitles: readonly string[]): A1Range {
  if (sheetTitles.includes(unquote(text))) return { sheetTitle: unquote(text) };
  const bang = text.lastIndexOf('!');
  const titlePart = bang >= 0 ? text.slice(0, bang) : undefined;
  const cells = bang >= 0 ? text.slice(bang + 1) : text;
  const sheetTitle = titlePart === undefined ? undefined : unquote(titlePart);
  if (cells === '') {
    if (bang >= 0) throw new A1ParseError(text);
    return { sheetTitle };
  }
  const [from, to, extra] = cells.split(':');
  if (extra !== undefined || from === undefined) throw new A1ParseError(text);
  const start = parseCell(from, text);
  const end = to === undefined ? start : parseCell(to, text);
  if (to === undefined && (start.row === undefined || start.column === undefined)) throw new A1ParseError(text);
  return {
    sheetTitle,
    startRow: start.row,
    endRow: end.row === undefined ? undefined : end.row + 1,
    startColumn: start.column,
    endColumn: end.column === undefined ? undefined : end.column + 1,
  };
}

function parseCell(cell: string, whole: string): { row?: number; column?: number } {
  const match = CELL.exec(cell);
  if (!match || cell === '') throw new A1ParseError(whole);
  const [, letters = '', digits = ''] = match;
  const row = digits === '' ? undefined : Number(digits) - 1;
  if (row !== undefined && row < 0) throw new A1ParseError(whole);
  return { row, column: letters === '' ? undefined : columnIndex(letters) };
}

function unquote(title: string): string {
  if (title.startsWith("'") && title.endsWith("'") && title.length >= 2) return title.slice(1, -1).replace(/''/g, "'");
  return title;
}

export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Titles are quoted the way the API echoes them: only when they are not a plain identifier. */
export function quoteTitle(title: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;
}

/** A bounded rectangle rendered the way responses name ranges (`Sheet1!A1:C10`, `Sheet1!B2`). */
export function formatA1(
  sheetTitle: string,
  rect: { startRow: number; endRow: number; startColumn: number; endColumn: number },
): string {
  const from = `${columnLetters(rect.startColumn)}${rect.startRow + 1}`;
  const to = `${columnLetters(rect.endColumn - 1)}${rect.endRow}`;
  return `${quoteTitle(sheetTitle)}!${from === to ? from : `${from}:${to}`}`;
}
