import type { Plugin } from 'vite';
import { clientOperations, OPERATIONS_DIR } from '../operations/index.js';

/** The module id browser pages import the trusted documents from. */
const ID = 'virtual:client-operations';
const RESOLVED = `\0${ID}`;

/**
 * Gives browser pages the trusted documents of `clients/operations/` as `virtual:client-operations`
 * (`{ [name]: { body, sha256, description } }`), each exactly as the server and the tests load it
 * (graphql-js's print and its SHA-256), so a page sends the very document the gateway's manifest
 * knows, and its persisted-query hash matches. Rebuilt when an operation file changes.
 */
export function clientOperationsPlugin(): Plugin {
  return {
    name: 'crg-client-operations',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) {
        return undefined;
      }
      this.addWatchFile(OPERATIONS_DIR);
      const manifest = Object.fromEntries(
        clientOperations().map((o) => [
          o.name,
          { body: o.body, sha256: o.sha256, description: o.description },
        ]),
      );
      return `export default ${JSON.stringify(manifest)};`;
    },
  };
}
