import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

// The yardstick: Apollo Server and Apollo Gateway as their documentation sets them up
// (`startStandaloneServer`, the default RemoteGraphQLDataSource and query-plan store), the same
// versions and committed supergraph as ours, each subgraph URL replaced by where it runs in this
// benchmark, and none of our gateway's own work (limits, budgets, trusted documents, usage, logs,
// metrics, signed viewers, resilience). Ours ÷ this is what that work costs; this ÷ Hive Router
// is how far the fixed stack itself stands from the strongest peer.
// Usage: node apollo-gateway.js <supergraph> <json url map>
const [path, urlMapJson] = process.argv.slice(2);
let supergraphSdl = readFileSync(path ?? '', 'utf8');
for (const [from, to] of Object.entries(JSON.parse(urlMapJson ?? '{}') as Record<string, string>)) {
  supergraphSdl = supergraphSdl.split(`"${from}"`).join(`"${to}"`);
}
// Apollo's anonymous telemetry off, as in ours: the benchmark calls no host outside this machine.
process.env['APOLLO_TELEMETRY_DISABLED'] ||= 'true';
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`apollo gateway listening at ${url}\n`);
process.on('SIGTERM', () => {
  void server.stop().then(() => process.exit(0));
});
