/**
 * Cell contents and the Sheets API's input and render options. A cell keeps what was entered and
 * what it shows: RAW stores text as text, USER_ENTERED parses it as if typed in the UI (numbers and
 * dates in the sheet's locale, TRUE/FALSE, a leading `'` forcing text, a leading `=` a formula).
 */
export type CellValue = string | number | boolean;

export interface Cell {
  /** The value, or the formula text for a formula. */
  entered: CellValue;
  formula?: boolean;
  /** What the cell shows: the formula's result, or `entered`. */
  effective: CellValue;
  /** A number that was entered as a date: a serial day number (days since 1899-12-30). */
  date?: boolean;
}

export type ValueInputOption = 'RAW' | 'USER_ENTERED';
export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';

/** `null` means "leave the cell as it is" (the API skips nulls); '' clears it. */
export type CellWrite = Cell | 'clear' | 'skip';

export function parseInput(raw: unknown, option: ValueInputOption, locale: string): CellWrite {
  if (raw === null || raw === undefined) return 'skip';
  if (typeof raw === 'number' || typeof raw === 'boolean') return { entered: raw, effective: raw };
  if (typeof raw !== 'string')
    throw new TypeError(`Invalid values: ${JSON.stringify(raw)} is not a string, number or bool`);
  if (raw === '') return 'clear';
  if (option === 'RAW') return { entered: raw, effective: raw };
  if (raw.startsWith("'")) return { entered: raw.slice(1), effective: raw.slice(1) };
  if (raw.startsWith('=')) return { entered: raw, formula: true, effective: evaluateFormula(raw.slice(1)) };
  if (/^(true|false)$/i.test(raw))
    return { entered: raw.toUpperCase() === 'TRUE', effective: raw.toUpperCase() === 'TRUE' };
  const number = parseLocaleNumber(raw, locale);
  if (number !== undefined) return { entered: number, effective: number };
  const serial = parseLocaleDate(raw, locale);
  if (serial !== undefined) return { entered: serial, effective: serial, date: true };
  return { entered: raw, effective: raw };
}

export function renderCell(
  cell: Cell,
  render: ValueRenderOption,
  dateTime: DateTimeRenderOption,
  locale: string,
): CellValue {
  if (render === 'FORMULA' && cell.formula) return cell.entered;
  if (render === 'FORMATTED_VALUE') return formatValue(cell, locale);
  if (cell.date && dateTime === 'FORMATTED_STRING') return formatValue(cell, locale);
  return cell.effective;
}

function formatValue(cell: Cell, locale: string): string {
  const value = cell.effective;
  if (typeof value === 'boolean') {
    if (locale.startsWith('pt')) return value ? 'VERDADEIRO' : 'FALSO';
    return value ? 'TRUE' : 'FALSE';
  }
  if (typeof value === 'string') return value;
  if (cell.date) return formatSerialDate(value, locale);
  const text = String(value);
  return decimalComma(locale) ? text.replace('.', ',') : text;
}

function decimalComma(locale: string): boolean {
  return /^(pt|de|es|fr|it|nl)/.test(locale);
}

function parseLocaleNumber(text: string, locale: string): number | undefined {
  const [group, decimal] = decimalComma(locale) ? ['.', ','] : [',', '.'];
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  const pattern = new RegExp(`^-?(\\d{1,3}(${g}\\d{3})+|\\d+)(${d}\\d+)?$`);
  if (!pattern.test(text)) return undefined;
  return Number(text.split(group).join('').replace(decimal, '.'));
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function parseLocaleDate(text: string, locale: string): number | undefined {
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (slashed && locale === 'en_US')
    [month, day, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  else if (slashed) [day, month, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  else return undefined;
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return (time - SERIAL_EPOCH) / DAY_MS;
}

/** Serial day number → the calendar date it names (UTC midnight of that day plus the fraction). */
export function serialToDate(serial: number): Date {
  return new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
}

function formatSerialDate(serial: number, locale: string): string {
  const date = serialToDate(serial);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const day =
    locale === 'en_US'
      ? `${m}/${d}/${y}`
      : locale.startsWith('pt')
        ? `${pad(d)}/${pad(m)}/${y}`
        : `${y}-${pad(m)}-${pad(d)}`;
  if (Number.isInteger(serial)) return day;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/**
 * Formulas are evaluated only as far as arithmetic on numbers (`=1+2*3`); anything else (functions,
 * references) yields `#NAME?`. That is enough to tell a formula from text, which is what tests of
 * formula injection need.
 */
export function evaluateFormula(expression: string): CellValue {
  const tokens = expression.match(/\d+(\.\d+)?|[-+*/()]|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const fail = (): never => {
    throw new Error('not arithmetic');
  };
  const primary = (): number => {
    const token = tokens[position++];
    if (token === '(') {
      const value = sum();
      if (tokens[position++] !== ')') fail();
      return value;
    }
    if (token === '-') return -primary();
    if (token === undefined || !/^\d/.test(token)) return fail();
    return Number(token);
  };
  const product = (): number => {
    let value = primary();
    while (peek() === '*' || peek() === '/') value = tokens[position++] === '*' ? value * primary() : value / primary();
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = tokens[position++] === '+' ? value + product() : value - product();
    return value;
  };
  try {
    const value = sum();
    if (position !== tokens.length) fail();
    return Number.isFinite(value) ? value : '#DIV/0!';
  } catch {
    return '#NAME?';
  }
}
