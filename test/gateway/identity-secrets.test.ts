import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { RedisCache } from '../../loaders/cache.js';
import { ConfigError, DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import {
  generateIdentityKey,
  IdentityError,
  publicJwk,
  requestBinding,
  type ViewerVerifier,
} from '../../loaders/identity.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { viewerVerifierOf } from '../../schema/server/serve-subgraph.js';
import { silentLogger } from '../support/harness.js';
import { CLOSED_REDIS_URL, redisUrl } from '../support/services.js';
import { signedViewerHeader } from '../support/viewer.js';
import { startGatewayStack } from './stack.js';

// Findings of issue 13 on the viewer header and on production secrets. Each test failed on the
// main branch of 2026-12-06 (HMAC header bound to nothing; weak secrets accepted).

const KEN = '{ country(iso3: "KEN") { name } }';

interface Recorded {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A pass-through proxy in front of a subgraph that records what the gateway sends it. */
async function recordingProxy(target: () => string): Promise<{
  url: string;
  recorded: Recorded[];
  close(): Promise<void>;
}> {
  const recorded: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      recorded.push({ headers: req.headers, body });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) {
          headers[name] = value;
        }
      }
      void fetch(target(), { method: 'POST', headers, body })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(await answer.text());
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    recorded,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const proxies: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const proxy of proxies.splice(0)) {
    await proxy.close();
  }
});

async function asAnalyst(url: string, query = KEN) {
  const token = await signToken({ sub: 'keys-test', role: 'analyst' }, { secret: DEV_JWT_SECRET });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
  };
}

/** Sends `body` straight to a subgraph with a captured `x-viewer` header. */
async function direct(url: string, viewerHeader: string, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-viewer': viewerHeader },
    body,
  });
  return {
    status: response.status,
    ...((await response.json()) as {
      data?: unknown;
      errors?: { message?: string; extensions?: { code?: string } }[];
    }),
  };
}

/** The gateway stack with recording proxies in front of member-states and notes. */
async function stackWithProxies(env: Record<string, string> = {}) {
  let memberStatesUrl = '';
  let notesUrl = '';
  const memberStatesProxy = await recordingProxy(() => memberStatesUrl);
  const notesProxy = await recordingProxy(() => notesUrl);
  proxies.push(memberStatesProxy, notesProxy);
  const stack = await startGatewayStack({
    RESPONSE_CACHE: 'off',
    SUBGRAPH_DEDUP: 'off',
    SUBGRAPH_URL_MEMBER_STATES: memberStatesProxy.url,
    SUBGRAPH_URL_NOTES: notesProxy.url,
    ...env,
  });
  memberStatesUrl = stack.memberStates.url;
  notesUrl = stack.notes.url;
  return { stack, memberStatesProxy, notesProxy };
}

describe('the viewer header is bound to one subgraph, one request and one use', () => {
  // One stack for these tests, so embedded PostgreSQL starts once.
  let shared: Awaited<ReturnType<typeof stackWithProxies>>;
  beforeAll(async () => {
    shared = await stackWithProxies();
  }, 120_000);
  afterAll(() => shared?.stack.close());

  it('signs with the core key toward subgraphs without a key of their own', async () => {
    expect(await asAnalyst(shared.stack.url)).toEqual({ data: { country: { name: 'Kenya' } } });
  });

  it('refuses a header taken off the wire and replayed to the same subgraph', async () => {
    const { stack, memberStatesProxy } = shared;
    memberStatesProxy.recorded.length = 0;
    expect(await asAnalyst(stack.url)).toEqual({ data: { country: { name: 'Kenya' } } });
    const sent = memberStatesProxy.recorded.find((r) => r.headers['x-viewer']);
    expect(sent).toBeDefined();
    const replay = await direct(
      stack.memberStates.url,
      String(sent!.headers['x-viewer']),
      sent!.body,
    );
    expect(replay.status).toBe(401);
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toMatch(/replayed/);
  });

  it('refuses a header meant for another subgraph (a partner cannot replay it to the core)', async () => {
    const { stack, notesProxy } = shared;
    const answer = await asAnalyst(stack.url, '{ country(iso3: "KEN") { name note } }');
    expect(answer.errors).toBeUndefined();
    const toNotes = notesProxy.recorded.find((r) => r.headers['x-viewer']);
    expect(toNotes).toBeDefined();
    const replay = await direct(
      stack.memberStates.url,
      String(toNotes!.headers['x-viewer']),
      JSON.stringify({ query: KEN }),
    );
    expect(replay.status).toBe(401);
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toMatch(/wrong-audience/);
    expect(replay.data ?? null).toBeNull();
  });

  it('refuses a header dated 55 s in the future, and accepts one within the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = async (nowSeconds: number) =>
      shared.stack.memberStates.query(KEN, undefined, {
        'x-viewer': await signedViewerHeader(
          { role: 'analyst' },
          { audience: 'member-states', query: KEN, nowSeconds },
        ),
      });
    const future = await at(now + 55);
    expect(future.status).toBe(401);
    expect(future.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(future.errors?.[0]?.message).toMatch(/not-yet-valid/);
    expect((await at(now + 2)).data).toEqual({ country: { name: 'Kenya' } });
  });

  it('signs toward a subgraph with its own key: a subgraph holding another public key refuses the viewer', async () => {
    const stack = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      IDENTITY_SIGNING_KEY_MEMBER_STATES: JSON.stringify(generateIdentityKey('member-states-1')),
    });
    try {
      const { data, errors } = await asAnalyst(stack.url);
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await stack.close();
    }
  });
});

describe('replicas of one subgraph share the replay check through Redis', () => {
  // Each replica is a process with its own verifier and in-memory replay cache, as
  // schema/serve-subgraph.ts builds them; only Redis is shared.
  const connections: RedisClient[] = [];
  afterAll(() => {
    for (const redis of connections.splice(0)) {
      redis.disconnect();
    }
  });

  const cacheOn = async (url: string) => {
    const redis = createRedis(url, { commandTimeoutMs: 250, logger: silentLogger });
    connections.push(redis);
    await redisReady(redis, url === CLOSED_REDIS_URL ? 100 : 2000);
    return new RedisCache(redis);
  };
  const config = readRuntimeConfig({});
  const binding = requestBinding(KEN, undefined);
  const header = () =>
    signedViewerHeader({ role: 'analyst' }, { audience: 'member-states', query: KEN });
  const outcome = (verify: ViewerVerifier, value: string) =>
    verify(value, binding).then(
      () => 'accepted',
      (error: unknown) => (error instanceof IdentityError ? error.reason : String(error)),
    );

  it.runIf(redisUrl)('refuses on one replica a header another replica accepted', async () => {
    const cache = await cacheOn(redisUrl!);
    const a = viewerVerifierOf('member-states', config, cache);
    const b = viewerVerifierOf('member-states', config, cache);
    const once = await header();
    expect(await outcome(a, once)).toBe('accepted');
    expect(await outcome(b, once)).toBe('replayed');
  });

  it('keeps refusing replays in each process while Redis is down (no breaker, no outage)', async () => {
    const down = await cacheOn(CLOSED_REDIS_URL);
    const a = viewerVerifierOf('member-states', config, down);
    const once = await header();
    expect(await outcome(a, once)).toBe('accepted');
    expect(await outcome(a, once)).toBe('replayed');
    expect(down.stats.errors).toBeGreaterThan(0);
  });
});

describe('production settings', () => {
  const problemsOf = (env: Record<string, string>, tiers?: Record<string, 'CORE' | 'PARTNER'>) => {
    try {
      readGatewayConfig({ NODE_ENV: 'production', ...env }, tiers ? { subgraphTiers: tiers } : {});
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it('refuse the published development secrets and list every problem at once', () => {
    // The development values, as main accepted them with NODE_ENV=production.
    const problems = problemsOf({
      JWT_SECRET: 'dev-only-jwt-secret-not-for-production-use-000',
      IDENTITY_SECRET: 'dev-only-identity-secret-not-for-production-use',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_SECRET: is a published development secret/),
        expect.stringMatching(/^IDENTITY_SECRET: is a published development secret/),
        expect.stringMatching(/^JWT_ISSUER: is required/),
        expect.stringMatching(/^JWT_AUDIENCE: is required/),
        expect.stringMatching(/^IDENTITY_SIGNING_KEY: is required/),
      ]),
    );
  });

  it('refuse reused secrets and short tokens', () => {
    const secret = 'a-long-random-looking-secret-0123456789abcdef';
    const problems = problemsOf({
      JWT_SECRET: secret,
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'crg',
      IDENTITY_SECRET: secret,
      METRICS_TOKEN: 'short',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^IDENTITY_SECRET: holds the same secret as JWT_SECRET/),
        expect.stringMatching(/^METRICS_TOKEN: must hold at least 32 bytes/),
      ]),
    );
  });

  it('refuse secrets under 32 bytes', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^JWT_SECRET: must hold at least 32 bytes/)]),
    );
  });

  it('refuse a PARTNER subgraph without a signing key of its own, or with the core key', async () => {
    const core = generateIdentityKey('core-1');
    const base = {
      JWT_SECRET: 'a-long-random-looking-secret-0123456789abcdef',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'crg',
      IDENTITY_SIGNING_KEY: JSON.stringify(core),
      IDENTITY_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk(core)] }),
    };
    const tiers = { laws: 'CORE', 'hotline-reports': 'PARTNER' } as const;
    expect(problemsOf(base, tiers)).toEqual([
      expect.stringMatching(/^IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: is required .* PARTNER/),
    ]);
    expect(
      problemsOf({ ...base, IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: JSON.stringify(core) }, tiers),
    ).toEqual([
      expect.stringMatching(
        /^IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: holds the same secret as IDENTITY_SIGNING_KEY/,
      ),
    ]);
    const own = generateIdentityKey('hotline-reports-1');
    expect(
      problemsOf({ ...base, IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: JSON.stringify(own) }, tiers),
    ).toEqual([]);
  });
});
