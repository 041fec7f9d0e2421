import { createViewerSigner, type ViewerSigner } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';
import { signingKeyEnvName } from './config-env.js';
import type { GatewayConfig } from './config.js';

/**
 * Who signs the viewer header toward subgraph `name`: its own key; else the core key for a CORE
 * subgraph. A PARTNER (or a subgraph the registry does not list) without its own key gets no
 * viewer in production, and the core key with a warning in development.
 */
export function viewerSigners(
  config: Required<GatewayConfig>,
  ttlSeconds: number,
  logger: Logger,
): (name: string) => ViewerSigner | undefined {
  const coreSigner = createViewerSigner(config.identitySigningKey, ttlSeconds);
  const ownSigners = new Map(
    Object.entries(config.identitySigningKeys).map(([name, key]) => [
      name,
      createViewerSigner(key, ttlSeconds),
    ]),
  );
  return (name) => {
    const own = ownSigners.get(name);
    if (own) {
      return own;
    }
    const tier = config.subgraphTiers[name];
    if (tier === 'CORE' || (tier === undefined && !config.production)) {
      return coreSigner;
    }
    if (config.production) {
      logger.error(
        { subgraph: name, variable: signingKeyEnvName(name) },
        'subgraph has no signing key of its own; it receives no viewer (public only)',
      );
      return undefined;
    }
    logger.warn(
      { subgraph: name, variable: signingKeyEnvName(name) },
      'PARTNER subgraph has no signing key of its own; signing with the core key (refused in production)',
    );
    return coreSigner;
  };
}
