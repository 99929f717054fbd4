import { CONNECTOR_CONTRACT_VERSION, type ConnectorDefinition } from '@escala/connector-kit';
import { Refusal } from '@escala/domain';

/** The connectors this server has: looked up by key, listed for admins. */
export class ConnectorRegistry {
  private readonly byKey = new Map<string, ConnectorDefinition>();

  constructor(definitions: ConnectorDefinition[]) {
    for (const definition of definitions) {
      if (definition.contractVersion !== CONNECTOR_CONTRACT_VERSION) {
        throw new Error(
          `connector ${definition.key} targets contract ${definition.contractVersion}, this server speaks ${CONNECTOR_CONTRACT_VERSION}`,
        );
      }
      if (this.byKey.has(definition.key)) throw new Error(`two plugins define the connector key ${definition.key}`);
      this.byKey.set(definition.key, definition);
    }
  }

  get(key: string): ConnectorDefinition {
    const definition = this.byKey.get(key);
    if (!definition) throw Refusal.notFound(`No connector "${key}" is installed`);
    return definition;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  list(): ConnectorDefinition[] {
    return [...this.byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}
