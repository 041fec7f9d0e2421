import 'reflect-metadata';
import { readGatewayConfig } from '../gateway/config.js';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { warnOnUnsupportedNode } from '../loaders/node-release.js';
import { closeOnSignals } from '../loaders/signals.js';
import { readTracingConfig, startTracing } from '../loaders/tracing.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { PARTNER_TIER_SUBGRAPHS } from '../subgraphs/partner-tier.js';
import { startStack } from './stack.js';

// `npm start [-- --memory] [-- --ephemeral-ports]`: every subgraph and the gateway in one process.
// --memory: a throwaway embedded database; --ephemeral-ports: free ports instead of the registry's.
const memory = process.argv.includes('--memory');
const ports = process.argv.includes('--ephemeral-ports') ? 'ephemeral' : 'registry';
// The gateway's reading lists the shared settings' problems too: one run names every problem.
const gatewayConfig = configOrExit(() => readGatewayConfig(process.env));
const runtimeConfig = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: runtimeConfig.logLevel, service: 'stack' });
const unsupportedNode = warnOnUnsupportedNode(logger);

const tracing = await startTracing(
  configOrExit(() => readTracingConfig(process.env)),
  'crg-stack',
);
const stack = await startStack({
  runtimeConfig,
  gatewayConfig,
  logger,
  subgraphs: [...CORE_SUBGRAPHS, ...PARTNER_TIER_SUBGRAPHS],
  memory,
  ports,
});
closeOnSignals(async () => {
  await stack.close();
  await tracing?.shutdown();
}, logger);
process.stdout.write(
  `\nCybercrime repository graph ready at ${stack.gatewayUrl}\n` +
    (stack.metrics ? `  metrics: ${stack.metrics.url}\n` : '') +
    `  database: ${stack.runtime.database.kind}${memory ? ' (in memory, discarded on exit)' : ''}; cache: ${stack.runtime.cache.kind}\n` +
    (unsupportedNode ? `  warning: ${unsupportedNode}\n` : '') +
    (runtimeConfig.seedSynthetic
      ? `  data: real records plus the DEMO set of synthetic records (flagged synthetic: true; their money is booked to fictional donors); queries leave them out unless asked with includeSynthetic: true. SEED_SYNTHETIC=false seeds real data only.\n`
      : `  data: real records only (SEED_SYNTHETIC=true adds the synthetic demo set).\n`) +
    `  try: curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -d '{"query":"{ countries(first: 300) { totalCount } }"}'\n\n`,
);
