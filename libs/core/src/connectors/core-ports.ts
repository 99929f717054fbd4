import type { CorePort } from '@escala/connector-kit';

/** The token under which the core provides the kit's port to connectors, one port per channel. */
export const CORE_PORT = Symbol('CorePort');

export interface CorePorts {
  /** The port a channel's inbound changes go through: its references, its name in the audit trail. */
  forChannel(channelId: string): CorePort;
}
