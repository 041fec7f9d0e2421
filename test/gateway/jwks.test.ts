import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Bearer tokens from a real identity provider: the gateway fetches its JWKS from a server this
// test starts on 127.0.0.1, picks the key by kid, follows a rotation, and insists on exp, issuer
// and audience. HS256 with the development secret keeps working beside it.

const ISSUER = 'https://idp.test.example';
const AUDIENCE = 'cybercrime-repository-graph';
const KEN = '{ country(iso3: "KEN") { name } }';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function newKey(kid: string, alg: 'RS256' | 'ES256' | 'EdDSA'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

let published: SigningKey[] = [];
let fetches = 0;
let jwksServer: Server;
let jwksUrl: string;
let stack: GatewayStack;
let keyA: SigningKey;
let keyB: SigningKey;

beforeAll(async () => {
  keyA = await newKey('idp-a', 'RS256');
  keyB = await newKey('idp-b', 'ES256');
  published = [keyA];
  jwksServer = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/jwks.json`;
  stack = await startGatewayStack({
    RESPONSE_CACHE: 'off',
    JWT_JWKS_URL: jwksUrl,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_JWKS_COOLDOWN_MS: '0',
    JWT_CLOCK_SKEW_SECONDS: '10',
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
  jwksServer?.closeAllConnections();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

interface TokenOptions {
  readonly key?: SigningKey;
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; `null` for no `exp`. */
  readonly expiresIn?: number | null;
}

async function token(options: TokenOptions = {}): Promise<string> {
  const key = options.key ?? keyA;
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ role: 'analyst' })
    .setProtectedHeader({ alg: key.jwk.alg as string, kid: options.kid ?? key.kid })
    .setSubject('idp-user-1')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now - 1)
    // Each token its own (RS256 signs deterministically): the gateway keeps a verified token
    // for up to a minute, and these tests mean a token it has not seen.
    .setJti(randomUUID());
  if (options.expiresIn !== null) {
    jwt = jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  }
  return jwt.sign(key.privateKey);
}

async function ask(bearer: string) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: KEN }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, ...body };
}

const accepted = { status: 200, data: { country: { name: 'Kenya' } } };

describe('bearer tokens verified against the identity provider JWKS', () => {
  it('accepts a token signed by a published key and refuses one signed by any other key', async () => {
    expect(await ask(await token())).toEqual(accepted);
    const impostor = await newKey('idp-a', 'RS256');
    const forged = await ask(await token({ key: impostor }));
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('requires exp, issuer and audience, with the configured clock skew', async () => {
    const noExp = await ask(await token({ expiresIn: null }));
    expect(noExp.status).toBe(401);
    expect(noExp.errors?.[0]?.message).toMatch(/"exp"/);
    expect((await ask(await token({ issuer: 'https://evil.example' }))).status).toBe(401);
    expect((await ask(await token({ audience: 'another-api' }))).status).toBe(401);
    // Expired 5 s ago: inside the 10 s skew. Expired 60 s ago: refused.
    expect(await ask(await token({ expiresIn: -5 }))).toEqual(accepted);
    const expired = await ask(await token({ expiresIn: -60 }));
    expect(expired.status).toBe(401);
    expect(expired.errors?.[0]?.message).toMatch(/expired/);
  });

  it('follows a key rotation: a new kid is fetched, a withdrawn key stops working', async () => {
    const seen = await token({ key: keyA });
    expect(await ask(seen)).toEqual(accepted);
    const before = fetches;
    published = [keyB];
    expect(await ask(await token({ key: keyB }))).toEqual(accepted);
    expect(fetches).toBeGreaterThan(before);
    expect((await ask(await token({ key: keyA }))).status).toBe(401);
    // A token verified before the withdrawal is kept for a minute at most (gateway/auth.ts;
    // gateway/auth.test.ts shows it refused after the minute).
    expect(await ask(seen)).toEqual(accepted);
    published = [keyA, keyB];
  });

  it('keeps HS256 for development, and refuses an HS256 token without exp too', async () => {
    const secret = new TextEncoder().encode(DEV_JWT_SECRET);
    const now = Math.floor(Date.now() / 1000);
    const base = () =>
      new SignJWT({ role: 'analyst' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('dev')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now);
    expect(
      await ask(
        await base()
          .setExpirationTime(now + 60)
          .sign(secret),
      ),
    ).toEqual(accepted);
    const forever = await ask(await base().sign(secret));
    expect(forever.status).toBe(401);
    expect(forever.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('an unreachable identity provider', () => {
  it('is a clear UNAUTHENTICATED, not a hang or a crash', async () => {
    const down = await startGatewayStack({
      RESPONSE_CACHE: 'off',
      JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json',
      JWT_JWKS_TIMEOUT_MS: '2000',
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    });
    try {
      const response = await fetch(down.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify({ query: KEN }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      expect(response.status).toBe(401);
      expect(body.errors?.[0]?.message).toMatch(/identity provider/);
    } finally {
      await down.close();
    }
  });
});
