import {
  ConnectorError,
  isConnectorError,
  type AllowedTicketFields,
  type Attribution,
  type CorePort,
  type InboundChange,
} from '@escala/connector-kit';
import type { GoogleSheetsConfig } from './google-sheets.config.js';
import { normalise } from './sheet-cells.js';

/** A person's edit of one tracked row, as read from the sheet. */
export interface RowEdit {
  number: number;
  /** 1-based, as people see it. */
  rowNumber: number;
  fields: AllowedTicketFields;
  /** Escala's values that lost to the sheet's (both sides changed since the last sync). */
  conflicts: Array<{ field: keyof AllowedTicketFields; escala: string; sheet: string }>;
}

async function ticketOf(core: CorePort, number: number) {
  const ticket = await core.getTicketSummary({ number });
  if (!ticket) throw ConnectorError.notFound(`the sheet names ticket ${number}, which Escala does not have`);
  return ticket;
}

/**
 * The edit as a ticket update attributed to the sheet (and to the person, when Drive names one
 * whose identity an admin linked). A Status the config maps moves the ticket; a move the lifecycle
 * refuses is noted on the ticket instead of failing the whole sync.
 */
export function editChange(
  config: GoogleSheetsConfig,
  version: string,
  edit: RowEdit,
  attribution: Attribution | undefined,
): InboundChange {
  const where = `planilha "${config.tab}", linha ${edit.rowNumber}`;
  const row = { tab: config.tab, row: edit.rowNumber };
  return {
    key: `sheet:${version}:${edit.number}`,
    async apply(core) {
      const ticket = await ticketOf(core, edit.number);
      if (Object.keys(edit.fields).length) await core.updateTicketFields(ticket.id, edit.fields, attribution);
      for (const conflict of edit.conflicts)
        await core.addEntry(ticket.id, {
          direction: 'internal',
          message: {
            key: 'sheet.conflict',
            values: { ...row, field: conflict.field, escala: conflict.escala, sheet: conflict.sheet },
          },
        });
      const status = edit.fields.externalStatus;
      const move = status ? statusMove(config, status) : undefined;
      if (!status || !move) return;
      try {
        await core.changeTicketStatus(ticket.id, move, { reason: `${where}: Status "${status}"`, attribution });
      } catch (error) {
        if (!isConnectorError(error) || error.retryable) throw error;
        await core.addEntry(ticket.id, {
          direction: 'internal',
          message: { key: 'sheet.status-refused', values: { ...row, status, error: error.message } },
        });
      }
    },
  };
}

function statusMove(config: GoogleSheetsConfig, status: string) {
  const wanted = normalise(status);
  return Object.entries(config.statusMoves).find(([label]) => normalise(label) === wanted)?.[1];
}

/** A tracked row deleted by a person, with `onRowDeleted: flag`: the ticket says so, and is no longer tracked. */
export const REMOVED_STATUS = 'Removido da planilha';

export function removedChange(config: GoogleSheetsConfig, version: string, number: number): InboundChange {
  return {
    key: `sheet:${version}:${number}:removed`,
    async apply(core) {
      const ticket = await ticketOf(core, number);
      await core.updateTicketFields(ticket.id, { externalStatus: REMOVED_STATUS });
      await core.addEntry(ticket.id, {
        direction: 'internal',
        message: { key: 'sheet.row-deleted', values: { number, tab: config.tab } },
      });
    },
  };
}
