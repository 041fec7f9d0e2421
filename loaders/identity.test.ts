import { describe, expect, it } from 'vitest';
import {
  checkIdentityJwk,
  createViewerSigner,
  createViewerVerifier,
  generateIdentityKey,
  IdentityError,
  parseViewer,
  publicJwk,
  ReplayCache,
  requestBinding,
  type IdentityJwk,
} from './identity.js';

const core = generateIdentityKey('core-1');
const partner = generateIdentityKey('partner-1');
const NOW = 1_800_000_000;
const binding = requestBinding('{ country(iso3: "KEN") { name } }', { a: 1 });
const editor = { role: 'editor', subject: 'e1' } as const;

function verifierFor(audience: string, keys: IdentityJwk[] = [core], entries = 1000) {
  return createViewerVerifier({
    audience,
    keys: keys.map(publicJwk),
    ttlSeconds: 30,
    clockSkewSeconds: 5,
    replay: new ReplayCache(entries),
  });
}

const sign = (audience: string, at = NOW, key = core, ttl = 30) =>
  createViewerSigner(key, ttl).sign(editor, audience, binding, at);

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof IdentityError ? error.reason : String(error);
  }
}

describe('the viewer header: Ed25519, one audience, one request, one use', () => {
  it('round-trips a viewer signed for this subgraph and this request', async () => {
    const viewer = { role: 'state_focal_point', countryIso3: 'KEN', subject: 'u1' } as const;
    const header = await createViewerSigner(core, 30).sign(viewer, 'laws', binding, NOW);
    expect(await verifierFor('laws')(header, binding, NOW)).toEqual(viewer);
  });

  it('is accepted once: a replay within its lifetime is refused', async () => {
    const verify = verifierFor('laws');
    const header = await sign('laws');
    await verify(header, binding, NOW);
    expect(await reason(verify(header, binding, NOW + 1))).toBe('replayed');
  });

  it('is refused by every other subgraph (audience)', async () => {
    const header = await sign('laws');
    for (const other of ['member-states', 'partners', 'funding', 'assistance', 'hotline-reports']) {
      expect(await reason(verifierFor(other)(header, binding, NOW))).toBe('wrong-audience');
    }
  });

  it('is refused with another operation (request binding)', async () => {
    const header = await sign('laws');
    const other = requestBinding('mutation { deleteEverything }', { a: 1 });
    expect(await reason(verifierFor('laws')(header, other, NOW))).toBe('wrong-request');
  });

  it('refuses headers dated in the future beyond the skew, and accepts them within it', async () => {
    expect(await reason(verifierFor('laws')(await sign('laws', NOW + 55), binding, NOW))).toBe(
      'not-yet-valid',
    );
    expect(await reason(verifierFor('laws')(await sign('laws', NOW + 4), binding, NOW))).toBe(
      'accepted',
    );
  });

  it('refuses expired headers and headers that claim a longer lifetime', async () => {
    expect(await reason(verifierFor('laws')(await sign('laws', NOW - 40), binding, NOW))).toBe(
      'stale',
    );
    const long = await sign('laws', NOW, core, 3600);
    expect(await reason(verifierFor('laws')(long, binding, NOW))).toBe('stale');
  });

  it("keeps partner and core keys apart: neither verifies the other's headers", async () => {
    const toPartner = await sign('hotline-reports', NOW, partner);
    expect(await reason(verifierFor('hotline-reports', [core])(toPartner, binding, NOW))).toBe(
      'unknown-key',
    );
    const toCore = await sign('laws', NOW, core);
    expect(await reason(verifierFor('laws', [partner])(toCore, binding, NOW))).toBe('unknown-key');
    // Even a partner key registered under the core's kid cannot pass for it.
    const impostor = { ...generateIdentityKey('core-1') };
    const forged = await sign('laws', NOW, impostor);
    expect(await reason(verifierFor('laws', [core])(forged, binding, NOW))).toBe('bad-signature');
  });

  it('accepts every key of a rotation set, chosen by kid', async () => {
    const next = generateIdentityKey('core-2');
    const verify = verifierFor('laws', [core, next]);
    expect(await reason(verify(await sign('laws', NOW, core), binding, NOW))).toBe('accepted');
    expect(await reason(verify(await sign('laws', NOW, next), binding, NOW))).toBe('accepted');
  });

  it('rejects malformed and oversized headers', async () => {
    expect(await reason(verifierFor('laws')('not-a-header', binding, NOW))).toBe('malformed');
    expect(await reason(verifierFor('laws')('a'.repeat(10_000), binding, NOW))).toBe('malformed');
  });
});

describe('ReplayCache', () => {
  it('stays within its bound and never lets an evicted header through', () => {
    const cache = new ReplayCache(3);
    expect(cache.claim('a', NOW, NOW + 35, NOW)).toBe('fresh');
    expect(cache.claim('b', NOW + 1, NOW + 36, NOW + 1)).toBe('fresh');
    expect(cache.claim('c', NOW + 2, NOW + 37, NOW + 2)).toBe('fresh');
    expect(cache.claim('d', NOW + 3, NOW + 38, NOW + 3)).toBe('fresh');
    expect(cache.size).toBe(3);
    // `a` was dropped: it, and anything issued no later, can no longer be proved unseen.
    expect(cache.claim('a', NOW, NOW + 35, NOW + 3)).toBe('evicted');
    expect(cache.claim('b', NOW + 1, NOW + 36, NOW + 3)).toBe('replayed');
  });

  it('forgets entries once they expire', () => {
    const cache = new ReplayCache(10);
    cache.claim('a', NOW, NOW + 35, NOW);
    cache.claim('b', NOW + 40, NOW + 75, NOW + 40);
    expect(cache.size).toBe(1);
  });
});

describe('checkIdentityJwk', () => {
  it('gives verifiers public keys only and checks that key halves match', () => {
    expect(checkIdentityJwk(core, 'public')).toMatchObject({ problem: /private key/ });
    expect(checkIdentityJwk(publicJwk(core), 'private')).toMatchObject({ problem: /no private/ });
    expect(checkIdentityJwk({ ...core, x: partner.x }, 'private')).toMatchObject({
      problem: /not halves/,
    });
    expect(checkIdentityJwk({ kty: 'RSA', kid: 'k' }, 'public')).toMatchObject({
      problem: /Ed25519/,
    });
    expect(checkIdentityJwk(publicJwk(core), 'public')).toEqual({ key: publicJwk(core) });
  });
});

describe('parseViewer', () => {
  it('requires a country for a state focal point and an organization for a partner', () => {
    expect(() => parseViewer({ role: 'state_focal_point' })).toThrow(IdentityError);
    expect(() => parseViewer({ role: 'partner' })).toThrow(IdentityError);
    expect(parseViewer({ role: 'partner', organizationId: 'unodc' })).toEqual({
      role: 'partner',
      organizationId: 'unodc',
    });
  });

  it('rejects an unknown role', () => {
    expect(() => parseViewer({ role: 'superuser' })).toThrow(new IdentityError('invalid-claims'));
  });
});
