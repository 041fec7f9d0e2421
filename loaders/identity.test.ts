import { describe, expect, it } from 'vitest';
import { IdentityError, parseViewer, signViewer, verifyViewer } from './identity.js';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';

describe('signed viewer header', () => {
  it('round-trips a viewer signed with the shared secret', () => {
    const viewer = { role: 'state_focal_point', countryIso3: 'KEN', subject: 'u1' } as const;
    expect(verifyViewer(signViewer(viewer, secret), secret, 60)).toEqual(viewer);
  });

  it('rejects a header signed with another secret as bad-signature', () => {
    const header = signViewer({ role: 'editor' }, 'another-secret-of-at-least-thirty-two-chars');
    expect(() => verifyViewer(header, secret, 60)).toThrow(new IdentityError('bad-signature'));
  });

  it('rejects a header whose claims were changed after signing', () => {
    const [, signature] = signViewer({ role: 'analyst' }, secret).split('.');
    const forged = Buffer.from(
      JSON.stringify({ v: { role: 'admin' }, iat: Math.floor(Date.now() / 1000) }),
    ).toString('base64url');
    expect(() => verifyViewer(`${forged}.${signature}`, secret, 60)).toThrow(
      new IdentityError('bad-signature'),
    );
  });

  it('rejects a stale header', () => {
    const header = signViewer({ role: 'editor' }, secret, 1_000);
    expect(() => verifyViewer(header, secret, 60, 1_000 + 61)).toThrow(new IdentityError('stale'));
  });

  it('rejects a malformed header', () => {
    expect(() => verifyViewer('not-a-header', secret, 60)).toThrow(new IdentityError('malformed'));
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
