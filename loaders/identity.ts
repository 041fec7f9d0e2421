import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
} from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/**
 * Who is asking. The gateway derives it from a verified bearer token and forwards it to each
 * subgraph in a header signed for that subgraph and that request; a request with no header is
 * `public`.
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

/**
 * Why a viewer header was refused. Each is logged by the subgraph and named in its
 * UNAUTHENTICATED message, so an operator sees at once whether keys, clocks or an attacker are
 * at fault.
 */
export type IdentityFailure =
  | 'malformed'
  | 'bad-signature'
  | 'unknown-key'
  | 'stale'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-request'
  | 'replayed'
  | 'invalid-claims';

export class IdentityError extends Error {
  constructor(readonly reason: IdentityFailure) {
    super(`Identity header rejected: ${reason}`);
    this.name = 'IdentityError';
  }
}

/** The JWS `typ` of a viewer header, so no other token of ours can pass as one. */
export const VIEWER_TOKEN_TYPE = 'viewer+jwt';
/** The `iss` of every viewer header. */
export const VIEWER_ISSUER = 'cybercrime-repository-graph/gateway';
/** Longer headers are refused before any parsing. */
const MAX_HEADER_LENGTH = 4096;
const MAX_JTI_LENGTH = 64;

/**
 * An Ed25519 key as a JWK (RFC 8037) with a `kid`: the gateway's signing keys carry `d`, the
 * subgraphs' verification keys never do.
 */
export interface IdentityJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly kid: string;
  readonly x: string;
  readonly d?: string;
}

/** The public half of a signing key: what a subgraph is given. */
export function publicJwk(key: IdentityJwk): IdentityJwk {
  return Object.freeze({ kty: key.kty, crv: key.crv, kid: key.kid, x: key.x });
}

/**
 * Checks one JWK: an Ed25519 key with a `kid`, with (`private`) or without (`public`) its `d`,
 * whose halves belong together. Returns the problem, or the frozen key.
 */
export function checkIdentityJwk(
  value: unknown,
  kind: 'private' | 'public',
): { key: IdentityJwk } | { problem: string } {
  if (typeof value !== 'object' || value === null) {
    return { problem: 'is not a JSON object (a JWK)' };
  }
  const { kty, crv, kid, x, d } = value as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519') {
    return { problem: 'must be an Ed25519 key ("kty": "OKP", "crv": "Ed25519")' };
  }
  if (typeof kid !== 'string' || !/^[\w.:-]{1,64}$/.test(kid)) {
    return { problem: 'needs a "kid" (1 to 64 letters, digits, "_", "-", ".", ":")' };
  }
  if (typeof x !== 'string') {
    return { problem: `key "${kid}" has no public part "x"` };
  }
  if (kind === 'public' && d !== undefined) {
    return {
      problem: `key "${kid}" holds a private key ("d"): give verifiers the public key only (npm run keys prints it)`,
    };
  }
  if (kind === 'private' && typeof d !== 'string') {
    return { problem: `key "${kid}" has no private part "d": the gateway needs the private key` };
  }
  try {
    createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
    if (kind === 'private') {
      const derived = createPublicKey(
        createPrivateKey({ key: { kty, crv, x, d: d as string }, format: 'jwk' }),
      ).export({ format: 'jwk' });
      if (derived.x !== x) {
        return { problem: `key "${kid}": its "d" and "x" are not halves of one key pair` };
      }
    }
  } catch {
    return { problem: `key "${kid}" is not a valid Ed25519 key` };
  }
  return {
    key: Object.freeze({
      kty: 'OKP',
      crv: 'Ed25519',
      kid,
      x,
      ...(kind === 'private' ? { d: d as string } : {}),
    }),
  };
}

/** A new Ed25519 key pair for the viewer header (`npm run keys`, `npm start`). */
export function generateIdentityKey(kid: string): IdentityJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return Object.freeze({ kty: 'OKP', crv: 'Ed25519', kid, x: jwk.x!, d: jwk.d! });
}

/**
 * What a viewer header is bound to besides its audience: the operation it travels with (query and
 * variables, as sent). A header taken off the wire cannot carry another operation.
 */
export function requestBinding(query: string | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(`${query ?? ''}\n${JSON.stringify(variables ?? null)}`)
    .digest('base64url');
}

export interface ViewerSigner {
  readonly kid: string;
  /** A header for one request to subgraph `audience`, valid for the configured lifetime. */
  sign(viewer: Viewer, audience: string, binding: string, nowSeconds?: number): Promise<string>;
}

/**
 * The gateway's side: signs `{viewer, req, iss, aud, iat, exp, jti}` with Ed25519 (JWS `EdDSA`,
 * `typ: viewer+jwt`, the key's `kid`). Each header names one subgraph, one operation and one
 * moment, and is used once.
 */
export function createViewerSigner(key: IdentityJwk, ttlSeconds: number): ViewerSigner {
  if (!key.d) {
    throw new Error(`identity key "${key.kid}" has no private part; it cannot sign`);
  }
  const privateKey = createPrivateKey({
    key: { kty: key.kty, crv: key.crv, x: key.x, d: key.d },
    format: 'jwk',
  });
  return {
    kid: key.kid,
    sign: (viewer, audience, binding, nowSeconds = Math.floor(Date.now() / 1000)) =>
      new SignJWT({ viewer: { ...viewer }, req: binding })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: VIEWER_TOKEN_TYPE })
        .setIssuer(VIEWER_ISSUER)
        .setAudience(audience)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + ttlSeconds)
        .setJti(randomUUID())
        .sign(privateKey),
  };
}

/**
 * The `jti`s of headers already accepted, until they expire: a header is accepted once. Bounded:
 * at `maxEntries` the oldest entry is dropped and every header issued at or before it is refused
 * from then on (`stale`), so a dropped entry can never be replayed. Only headers whose signature,
 * audience and binding were verified enter, so only the gateway can fill it.
 */
export class ReplayCache {
  private readonly seen = new Map<string, { iat: number; until: number }>();
  /** Headers issued at or before this second can no longer be proved unseen. */
  private floorIat = Number.NEGATIVE_INFINITY;

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.seen.size;
  }

  /** Records `jti`; `fresh` the first time, `replayed` after, `evicted` below the floor. */
  claim(
    jti: string,
    iat: number,
    until: number,
    nowSeconds: number,
  ): 'fresh' | 'replayed' | 'evicted' {
    for (const [key, entry] of this.seen) {
      if (entry.until >= nowSeconds) {
        break;
      }
      this.seen.delete(key);
    }
    if (this.seen.has(jti)) {
      return 'replayed';
    }
    if (iat <= this.floorIat) {
      return 'evicted';
    }
    while (this.seen.size >= this.maxEntries) {
      const [oldest, entry] = this.seen.entries().next().value as [string, { iat: number }];
      this.seen.delete(oldest);
      this.floorIat = Math.max(this.floorIat, entry.iat);
    }
    if (iat <= this.floorIat) {
      return 'evicted';
    }
    this.seen.set(jti, { iat, until });
    return 'fresh';
  }
}

export interface ViewerVerifierOptions {
  /** The subgraph's own name: headers for any other audience are refused. */
  readonly audience: string;
  /** The accepted public keys, by `kid` (several during a rotation). */
  readonly keys: readonly IdentityJwk[];
  /** The longest lifetime a header may claim (`exp - iat`). */
  readonly ttlSeconds: number;
  /** Tolerated difference between the gateway's clock and ours. */
  readonly clockSkewSeconds: number;
  readonly replay: ReplayCache;
  /**
   * The replay check shared by every replica of the subgraph (Redis): `claim` answers `false`
   * when another replica accepted the `jti` already, `undefined` when the store is unavailable,
   * in which case the process's own cache has decided alone.
   */
  readonly shared?: {
    claim(jti: string, ttlSeconds: number): Promise<boolean | undefined>;
  };
}

export type ViewerVerifier = (
  header: string,
  binding: string,
  nowSeconds?: number,
) => Promise<Viewer>;

function failureOf(error: unknown): IdentityFailure {
  if (error instanceof IdentityError) {
    return error.reason;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return 'unknown-key';
  }
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JOSEAlgNotAllowed
  ) {
    return 'bad-signature';
  }
  if (error instanceof joseErrors.JWTExpired) {
    return 'stale';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return 'wrong-audience';
    }
    if ((error.claim === 'iat' || error.claim === 'nbf') && error.reason === 'check_failed') {
      return 'not-yet-valid';
    }
    return 'invalid-claims';
  }
  return 'malformed';
}

/**
 * A subgraph's side: accepts a header only when an accepted public key signed it, for this
 * subgraph, for this operation, within its lifetime (give or take the clock skew), and for the
 * first time. Throws `IdentityError` naming the reason otherwise.
 */
export function createViewerVerifier(options: ViewerVerifierOptions): ViewerVerifier {
  const keySet = createLocalJWKSet({
    keys: options.keys.map((k) => ({ ...publicJwk(k), alg: 'EdDSA' })),
  });
  const skew = options.clockSkewSeconds;
  return async (header, binding, nowSeconds = Math.floor(Date.now() / 1000)) => {
    try {
      if (header.length > MAX_HEADER_LENGTH) {
        throw new IdentityError('malformed');
      }
      const { payload } = await jwtVerify(header, keySet, {
        algorithms: ['EdDSA'],
        typ: VIEWER_TOKEN_TYPE,
        issuer: VIEWER_ISSUER,
        audience: options.audience,
        clockTolerance: skew,
        maxTokenAge: options.ttlSeconds,
        requiredClaims: ['exp', 'jti'],
        currentDate: new Date(nowSeconds * 1000),
      });
      const { iat, exp, jti } = payload as { iat: number; exp: number; jti: unknown };
      if (exp - iat > options.ttlSeconds) {
        throw new IdentityError('stale');
      }
      if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
        throw new IdentityError('invalid-claims');
      }
      if (payload['req'] !== binding) {
        throw new IdentityError('wrong-request');
      }
      const viewer = parseViewer(payload['viewer']);
      const seen = options.replay.claim(jti, iat, exp + skew, nowSeconds);
      if (seen !== 'fresh') {
        throw new IdentityError(seen === 'replayed' ? 'replayed' : 'stale');
      }
      if (options.shared && (await options.shared.claim(jti, exp + skew - nowSeconds)) === false) {
        throw new IdentityError('replayed');
      }
      return viewer;
    } catch (error) {
      throw new IdentityError(failureOf(error));
    }
  };
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
