import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who is asking. The gateway derives it from a verified bearer token and forwards it to subgraphs
 * in a signed header; a request with no header is `public`.
 */
export const ROLES = [
  'public',
  'analyst',
  'state_focal_point',
  'partner',
  'donor',
  'editor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  readonly role: Role;
  /** The token's subject, for audit logs. */
  readonly subject?: string;
  /** ISO 3166-1 alpha-3 code: the one country a `state_focal_point` speaks for. */
  readonly countryIso3?: string;
  /** Organization id: the one organization a `partner` or `donor` speaks for. */
  readonly organizationId?: string;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ role: 'public' });

/** The header that carries the signed viewer from the gateway to the subgraphs. */
export const VIEWER_HEADER = 'x-viewer';

export type IdentityFailure = 'malformed' | 'bad-signature' | 'stale' | 'invalid-claims';

export class IdentityError extends Error {
  constructor(readonly reason: IdentityFailure) {
    super(`Identity header rejected: ${reason}`);
    this.name = 'IdentityError';
  }
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `base64url(JSON{viewer, iat})` + "." + `base64url(HMAC-SHA256)`. */
export function signViewer(
  viewer: Viewer,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const payload = Buffer.from(JSON.stringify({ v: viewer, iat: nowSeconds })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Verifies signature and age; throws `IdentityError` for a forged, stale or malformed header. */
export function verifyViewer(
  header: string,
  secret: string,
  maxAgeSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Viewer {
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) {
    throw new IdentityError('malformed');
  }
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new IdentityError('bad-signature');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('malformed');
  }
  const { v, iat } = (decoded ?? {}) as { v?: unknown; iat?: unknown };
  if (typeof iat !== 'number' || Math.abs(nowSeconds - iat) > maxAgeSeconds) {
    throw new IdentityError('stale');
  }
  return parseViewer(v);
}

/** Checks the shape of viewer claims; throws `IdentityError('invalid-claims')`. */
export function parseViewer(value: unknown): Viewer {
  if (typeof value !== 'object' || value === null) {
    throw new IdentityError('invalid-claims');
  }
  const { role, subject, countryIso3, organizationId } = value as Record<string, unknown>;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new IdentityError('invalid-claims');
  }
  const optionalString = (x: unknown): x is string | undefined =>
    x === undefined || typeof x === 'string';
  if (!optionalString(subject) || !optionalString(countryIso3) || !optionalString(organizationId)) {
    throw new IdentityError('invalid-claims');
  }
  if (role === 'state_focal_point' && !(countryIso3 && /^[A-Z]{3}$/.test(countryIso3))) {
    throw new IdentityError('invalid-claims');
  }
  if ((role === 'partner' || role === 'donor') && !organizationId) {
    throw new IdentityError('invalid-claims');
  }
  return Object.freeze({
    role: role as Role,
    ...(subject ? { subject } : {}),
    ...(countryIso3 ? { countryIso3 } : {}),
    ...(organizationId ? { organizationId } : {}),
  });
}
