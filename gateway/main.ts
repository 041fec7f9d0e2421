import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { warnOnUnsupportedNode } from '../loaders/node-release.js';
import { closeOnSignals } from '../loaders/signals.js';
import { readTracingConfig, startTracing } from '../loaders/tracing.js';
import { readSubgraphTiers } from '../schema/composition/registry.js';
import { listen } from '../schema/server/listen.js';
import { readGatewayConfig } from './config.js';
import { createGateway } from './index.js';

// `npm run start:gateway`: the gateway alone, on the committed supergraph.
// The gateway's reading lists the shared settings' problems too, so it goes first: one run
// names every problem. The registry's tiers let production insist on a key per PARTNER.
const subgraphTiers = await readSubgraphTiers();
const config = configOrExit(() => readGatewayConfig(process.env, { subgraphTiers }));
const runtime = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: runtime.logLevel, service: 'gateway' });
warnOnUnsupportedNode(logger);
const tracing = await startTracing(
  configOrExit(() => readTracingConfig(process.env)),
  'gateway',
);
const gateway = await createGateway({ config, runtime, logger });
const listening = await listen(gateway.listener, { host: runtime.host, port: config.port });
logger.info({ url: listening.url }, 'gateway listening');
const metricsListening =
  gateway.metricsPort === undefined
    ? undefined
    : await listen(gateway.opsListener, {
        host: runtime.host,
        port: gateway.metricsPort,
        path: '/metrics',
      });
if (metricsListening) {
  logger.info({ url: metricsListening.url }, 'gateway metrics listening');
}
closeOnSignals(async () => {
  // Drain: /ready turns 503, new connections are refused, in-flight requests finish; after the
  // grace period the remaining connections are cut.
  gateway.beginDrain();
  const grace = setTimeout(() => listening.server.closeAllConnections(), gateway.shutdownGraceMs);
  await listening.close();
  await metricsListening?.close();
  clearTimeout(grace);
  await gateway.apollo.stop();
  await tracing?.shutdown();
}, logger);
