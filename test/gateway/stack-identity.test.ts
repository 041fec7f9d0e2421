import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import {
  createViewerSigner,
  createViewerVerifier,
  IdentityError,
  ReplayCache,
  requestBinding,
} from '../../loaders/identity.js';
import { startStack, stackIdentity, type Stack } from '../../scripts/stack.js';
import { hotlineReportsSubgraph } from '../../subgraphs/hotline-reports/index.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { silentLogger } from '../support/harness.js';

// `npm start` runs partner code in the core's process: each PARTNER-tier subgraph still gets a
// signing key of its own, generated in process, so it holds no key that verifies core headers.

const runtimeConfig = readRuntimeConfig({ ...process.env, LOG_LEVEL: 'silent' });
const gatewayConfig = readGatewayConfig({ LOG_LEVEL: 'silent' });

describe('stackIdentity', () => {
  const identity = stackIdentity(
    ['member-states', 'laws', 'hotline-reports'],
    { 'member-states': 'CORE', laws: 'CORE', 'hotline-reports': 'PARTNER' },
    gatewayConfig,
    runtimeConfig,
  );

  it('generates a core key and one per PARTNER, none of them the published development key', () => {
    const core = identity.gateway.identitySigningKey!;
    const partner = identity.gateway.identitySigningKeys!['hotline-reports']!;
    expect(core.x).not.toBe(gatewayConfig.identitySigningKey!.x);
    expect(partner.x).not.toBe(core.x);
    expect(identity.subgraphs['laws']!.identityPublicKeys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', kid: core.kid, x: core.x },
    ]);
    expect(identity.subgraphs['hotline-reports']!.identityPublicKeys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', kid: partner.kid, x: partner.x },
    ]);
  });

  it('gives the partner no key that verifies a core header, even one addressed to it', async () => {
    const partnerVerifier = createViewerVerifier({
      audience: 'hotline-reports',
      keys: identity.subgraphs['hotline-reports']!.identityPublicKeys,
      ttlSeconds: 30,
      clockSkewSeconds: 5,
      replay: new ReplayCache(10),
    });
    const binding = requestBinding('{ __typename }', null);
    const signedWithCore = await createViewerSigner(identity.gateway.identitySigningKey!, 30).sign(
      { role: 'editor' },
      'hotline-reports',
      binding,
    );
    await expect(partnerVerifier(signedWithCore, binding)).rejects.toEqual(
      new IdentityError('unknown-key'),
    );
  });
});

describe('npm start with a PARTNER subgraph in process', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      runtimeConfig,
      gatewayConfig: readGatewayConfig({ LOG_LEVEL: 'silent', RESPONSE_CACHE: 'off' }),
      logger: silentLogger,
      subgraphs: [memberStatesSubgraph, hotlineReportsSubgraph],
      memory: true,
      ports: 'ephemeral',
    });
  }, 120_000);
  afterAll(() => stack?.close());

  it('serves a signed-in viewer from core and partner alike, with zero configuration', async () => {
    const token = await signToken({ sub: 'start', role: 'analyst' }, { secret: DEV_JWT_SECRET });
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          '{ country(iso3: "KEN") { name hotlineReports(year: 2022, includeSynthetic: true) { year synthetic } } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { country: { name: 'Kenya', hotlineReports: [{ year: 2022, synthetic: true }] } },
    });
  });
});
