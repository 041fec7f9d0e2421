import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

// The peers: Hive Gateway (MIT) serving the same committed supergraph, with each subgraph URL
// replaced by where it runs in this benchmark; with `router`, the same gateway planning queries
// with Hive Router's Rust query planner (`@graphql-hive/router-runtime`, a native module in the
// package). Usage: node hive-gateway.js <supergraph> <json url map> [router]
const [path, urlMapJson, planner] = process.argv.slice(2);
let supergraph = readFileSync(path ?? '', 'utf8');
for (const [from, to] of Object.entries(JSON.parse(urlMapJson ?? '{}') as Record<string, string>)) {
  supergraph = supergraph.split(`"${from}"`).join(`"${to}"`);
}
const unifiedGraphHandler =
  planner === 'router'
    ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler
    : undefined;
const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
});
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(
    `hive gateway${planner === 'router' ? ' (router planner)' : ''} listening at http://127.0.0.1:${port}/graphql\n`,
  );
});
process.on('SIGTERM', () => {
  server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
});
