import { ConnectorError, type CorePort } from '@escala/connector-kit';

/** The token under which the core provides its implementation of the kit's port to connectors. */
export const CORE_PORT = Symbol('CorePort');

/**
 * Stands in for the port until the ticket services implement it (they own tickets, entries and
 * external references): every call fails as a permanent connector error, which the poll runner
 * records on the channel and retries on the next poll, losing nothing.
 */
export class TicketsNotAvailableCorePort implements CorePort {
  private fail(): never {
    throw ConnectorError.permanent('the ticket services are not available in this build yet');
  }
  createTicket(): never {
    return this.fail();
  }
  addEntry(): never {
    return this.fail();
  }
  findTicketByExternalReference(): never {
    return this.fail();
  }
  linkExternalReference(): never {
    return this.fail();
  }
  updateTicketFields(): never {
    return this.fail();
  }
}
