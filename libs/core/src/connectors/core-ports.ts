import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  AllowedTicketFields,
  ChannelPort,
  ChannelSecrets,
  CorePort,
  CoreReads,
  CustomerMatch,
  ExternalIdentity,
  ExternalReference,
  LinkedReference,
  TicketRef,
  TicketSummary,
  UserRef,
} from '@escala/connector-kit';
import type { StagedChannelState } from './channel-state.js';

/** The token that provides `CorePorts` (implemented by `ChannelCorePorts`): the kit's port for each channel and each call. */
export const CORE_PORTS = Symbol('CorePorts');

export interface CorePorts {
  /** The port a channel's inbound changes go through: its references, its name in the audit trail. */
  forChannel(channelId: string): CorePort;
  /**
   * The port of one call (deliver, poll, webhook, health, maintenance): the reads, and state whose
   * writes wait for `commit` in the transaction of the call's outcome. State is read through `em`.
   */
  forCall(channelId: string, em: EntityManager): CallPort;
}

/** The `ChannelPort` a connector's context carries: reads only, plus the call's staged state. */
export class CallPort implements ChannelPort {
  constructor(
    private readonly reads: CoreReads,
    readonly state: StagedChannelState,
    readonly secrets: ChannelSecrets,
  ) {}

  findTicketByExternalReference(reference: ExternalReference): Promise<TicketRef | null> {
    return this.reads.findTicketByExternalReference(reference);
  }

  listExternalReferences(ticketId: string): Promise<LinkedReference[]> {
    return this.reads.listExternalReferences(ticketId);
  }

  findUserByExternalIdentity(identity: ExternalIdentity): Promise<UserRef | null> {
    return this.reads.findUserByExternalIdentity(identity);
  }

  getTicketSummary(ticket: { id: string } | { number: number }): Promise<TicketSummary | null> {
    return this.reads.getTicketSummary(ticket);
  }

  listUserIdentities(userId: string): Promise<ExternalIdentity[]> {
    return this.reads.listUserIdentities(userId);
  }

  findCustomerByEmail(email: string): Promise<CustomerMatch | null> {
    return this.reads.findCustomerByEmail(email);
  }

  getExternalTicketFields(ticketId: string): Promise<Required<AllowedTicketFields>> {
    return this.reads.getExternalTicketFields(ticketId);
  }

  /** Commits the state the call wrote, on `tx` (the transaction recording the call's outcome). */
  commit(tx: EntityManager): Promise<void> {
    return this.state.commit(tx);
  }
}
