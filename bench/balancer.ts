import { startRoundRobinProxy } from '../test/support/round-robin-proxy.js';

// The benchmark's load balancer, its own process so it takes no CPU from the load generator: the
// round-robin proxy the two-gateway end-to-end test uses (test/support/round-robin-proxy.ts).
// Usage: node balancer.js '{"a":"http://127.0.0.1:4001/graphql","b":"…"}'
const upstreams = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const proxy = await startRoundRobinProxy(upstreams);
process.stdout.write(`balancer listening at ${proxy.origin}\n`);
process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
