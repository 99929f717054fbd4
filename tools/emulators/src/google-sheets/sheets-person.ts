import { columnIndex } from './a1-notation.js';
import { parseInput, type CellValue } from './cell-value.js';
import { sortRows } from './batch-update-requests.js';
import { deleteRows, insertRows, moveRows, writeCells } from './grid-operations.js';
import { resolveA1, type Editor, type SpreadsheetStore } from './spreadsheet-store.js';
import type { SheetState, SpreadsheetState } from './spreadsheet-state.js';

/**
 * A person working in the spreadsheet's UI, for tests: what they type is parsed like USER_ENTERED,
 * rows are numbered as on screen (1 = first row), and every edit moves the Drive version. People
 * act with the owner's rights (protected ranges do not stop them).
 */
export class SheetsPerson {
  constructor(
    private readonly store: SpreadsheetStore,
    private readonly spreadsheetId: string,
    private readonly metadataFollowsSort: () => boolean,
    /** Who the person is: Drive reports them as the file's last modifying user. */
    readonly editor: Editor = { email: 'pessoa@escala.test', displayName: 'Pessoa da equipe' },
  ) {}

  /** Types values from a cell onwards (`'Página1!B3'`); `null` leaves a cell alone, `''` clears it. */
  type(startCell: string, values: Array<Array<CellValue | null>>): void {
    this.edit((draft) => {
      const { sheet, rect } = resolveA1(draft, startCell);
      writeCells(
        sheet,
        rect.startRow,
        rect.startColumn,
        values.map((row) => row.map((value) => parseInput(value, 'USER_ENTERED', draft.locale))),
      );
    });
  }

  clear(range: string): void {
    this.edit((draft) => {
      const { sheet, rect } = resolveA1(draft, range);
      writeCells(
        sheet,
        rect.startRow,
        rect.startColumn,
        Array.from({ length: rect.endRow - rect.startRow }, () =>
          new Array(rect.endColumn - rect.startColumn).fill('clear'),
        ),
      );
    });
  }

  /** Inserts `count` empty rows above row `rowNumber`. */
  insertRowsAbove(sheetTitle: string, rowNumber: number, count = 1): void {
    this.edit((draft) => insertRows(draft, this.sheet(draft, sheetTitle), rowNumber - 1, count));
  }

  deleteRows(sheetTitle: string, rowNumber: number, count = 1): void {
    this.edit((draft) => deleteRows(draft, this.sheet(draft, sheetTitle), rowNumber - 1, rowNumber - 1 + count));
  }

  /** Drags rows to sit before `beforeRowNumber` (the row objects move, metadata included). */
  dragRows(sheetTitle: string, rowNumber: number, count: number, beforeRowNumber: number): void {
    this.edit((draft) =>
      moveRows(draft, this.sheet(draft, sheetTitle), rowNumber - 1, rowNumber - 1 + count, beforeRowNumber - 1),
    );
  }

  /**
   * Cuts a row's cells and pastes them over another row: the contents move, the rows do not, so row
   * metadata stays where it was (Google does not document this case; this is the cautious model).
   */
  cutAndPasteRow(sheetTitle: string, fromRowNumber: number, toRowNumber: number): void {
    this.edit((draft) => {
      const sheet = this.sheet(draft, sheetTitle);
      sheet.rows[toRowNumber - 1] = sheet.rows[fromRowNumber - 1];
      sheet.rows[fromRowNumber - 1] = undefined;
    });
  }

  /**
   * Data → Sort range on whole rows below the header: `column` is a letter (`'C'`). Whether row
   * metadata follows is the emulator's `metadataFollowsSort` switch.
   */
  sortRows(sheetTitle: string, column: string, order: 'ASCENDING' | 'DESCENDING' = 'ASCENDING', headerRows = 1): void {
    this.edit((draft) => {
      const sheet = this.sheet(draft, sheetTitle);
      sortRows(
        draft,
        sheet,
        { startRow: headerRows, endRow: sheet.rowCount, startColumn: 0, endColumn: sheet.columnCount },
        [{ dimensionIndex: columnIndex(column), sortOrder: order }],
        this.metadataFollowsSort(),
      );
    });
  }

  private edit(apply: (draft: SpreadsheetState) => void): void {
    this.store.mutate(this.spreadsheetId, this.editor, apply);
  }

  private sheet(draft: SpreadsheetState, title: string): SheetState {
    const sheet = draft.sheets.find((candidate) => candidate.title === title);
    if (!sheet) throw new Error(`no sheet "${title}" in ${draft.spreadsheetId}`);
    return sheet;
  }
}
