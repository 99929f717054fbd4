export { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from './embedded-cluster.js';
export { freePort } from './free-port.js';
export { createTestDatabase, TEMPLATE_DATABASE } from './test-database.js';
