import { createServer } from 'node:http';
import { errors as joseErrors, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBearerVerifier, signToken } from './auth.js';

const SECRET = 'auth-test-secret-auth-test-secret-0000';

afterEach(() => {
  vi.useRealTimers();
});

describe('createBearerVerifier', () => {
  it('takes a verified token at its word until it expires, with the tolerated skew', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T12:00:00Z'), toFake: ['Date'] });
    const verify = createBearerVerifier({ secret: SECRET, clockSkewSeconds: 30 });
    const token = await signToken({ sub: 'a1', role: 'analyst' }, { secret: SECRET }, '40s');
    expect((await verify(token))['sub']).toBe('a1');
    vi.setSystemTime(Date.parse('2026-12-07T12:01:09Z')); // exp + 29 s: still tolerated
    expect((await verify(token))['role']).toBe('analyst');
    vi.setSystemTime(Date.parse('2026-12-07T12:01:11Z')); // exp + 31 s
    await expect(verify(token)).rejects.toBeInstanceOf(joseErrors.JWTExpired);
  });

  it('never keeps a forged token', async () => {
    const token = await signToken({ sub: 'a2', role: 'analyst' }, { secret: SECRET }, '1h');
    const verify = createBearerVerifier({ secret: SECRET });
    expect((await verify(token))['sub']).toBe('a2');
    const forged = `${token.slice(0, -4)}AAAA`;
    for (let i = 0; i < 2; i += 1) {
      await expect(verify(forged)).rejects.toBeInstanceOf(
        joseErrors.JWSSignatureVerificationFailed,
      );
    }
  });

  it("stops honouring a key withdrawn from the identity provider's set within a minute", async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    let keys = [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }];
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
      const start = Date.now();
      vi.useFakeTimers({ now: start, toFake: ['Date'] });
      const verify = createBearerVerifier({
        jwks: { url, algorithms: ['ES256'], timeoutMs: 2000, cooldownMs: 0, cacheMaxAgeMs: 0 },
      });
      const token = await new SignJWT({ role: 'analyst' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('a3')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      expect((await verify(token))['sub']).toBe('a3');
      keys = [];
      vi.setSystemTime(start + 59_000);
      expect((await verify(token))['sub']).toBe('a3');
      vi.setSystemTime(start + 61_000);
      await expect(verify(token)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
