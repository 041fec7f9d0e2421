import type { IncomingMessage } from 'node:http';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
  type FlattenedJWSInput,
  type JWTPayload,
} from 'jose';
import { LRUCache } from 'lru-cache';
import {
  IdentityError,
  parseViewer,
  PUBLIC_VIEWER,
  type Role,
  type Viewer,
} from '../loaders/identity.js';
import { unauthenticated } from '../schema/errors.js';

interface JwtSettings {
  /** HS256 secret (development; production only with a strong one). */
  readonly secret?: string | undefined;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** The identity provider's key set: asymmetric tokens, keys chosen by `kid`. */
  readonly jwks?:
    | {
        readonly url: string;
        readonly algorithms: readonly string[];
        readonly timeoutMs: number;
        readonly cooldownMs: number;
        readonly cacheMaxAgeMs: number;
      }
    | undefined;
  /** Tolerated clock difference, seconds (default 30). */
  readonly clockSkewSeconds?: number | undefined;
}

/** Verifies a bearer token and returns its claims; throws jose's errors. */
type BearerVerifier = (token: string) => Promise<JWTPayload>;

/**
 * The gateway's token check, built once: HS256 with `secret`, and/or the identity provider's keys
 * fetched from `jwks.url` (jose `createRemoteJWKSet`: cached, refetched on an unknown `kid` at
 * most once per cooldown, bounded by a timeout). `exp` is required; issuer and audience are
 * checked when configured (production requires both).
 */
export function createBearerVerifier(settings: JwtSettings): BearerVerifier {
  const secret = settings.secret ? encoder.encode(settings.secret) : undefined;
  const remote = settings.jwks
    ? createRemoteJWKSet(new URL(settings.jwks.url), {
        timeoutDuration: settings.jwks.timeoutMs,
        cooldownDuration: settings.jwks.cooldownMs,
        cacheMaxAge: settings.jwks.cacheMaxAgeMs,
      })
    : undefined;
  const algorithms = [...(secret ? ['HS256'] : []), ...(settings.jwks?.algorithms ?? [])];
  const key: JWTVerifyGetKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (header.alg === 'HS256' && secret) {
      return secret;
    }
    if (remote && header.alg !== 'HS256') {
      return remote(header, token);
    }
    throw new joseErrors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
  };
  const clockTolerance = settings.clockSkewSeconds ?? 30;
  const verified = new LRUCache<string, { payload: JWTPayload; until: number }>({
    maxSize: VERIFIED_TOKENS_BYTES,
    sizeCalculation: (_value, token) => token.length + 200,
  });
  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && now < known.until) {
      return known.payload;
    }
    const { payload } = await jwtVerify(token, key, {
      algorithms,
      requiredClaims: ['exp'],
      clockTolerance,
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    // Verified: the same token is taken at its word until it expires (as jwtVerify would, with
    // the tolerated skew) or for a minute at most, so a key withdrawn from the JWKS stops
    // being honoured within a minute.
    const expires = (payload.exp ?? 0) * 1000 + clockTolerance * 1000;
    verified.set(token, { payload, until: Math.min(expires, now + VERIFIED_TOKEN_MS) });
    return payload;
  };
}

/**
 * Tokens verified recently, kept so a viewer's next requests skip the signature check (an HMAC
 * or a public-key verification, with a key object made each time: a third of the gateway's CPU
 * on a response-cache hit). Bounded in bytes; each entry lives a minute at most.
 */
const VERIFIED_TOKENS_BYTES = 4 * 1024 * 1024;
const VERIFIED_TOKEN_MS = 60_000;

/** Claims of our bearer tokens, beside the registered `sub`, `iat`, `exp`. */
export interface ViewerClaims {
  role: Role;
  /** ISO alpha-3, for `state_focal_point`. */
  country?: string;
  /** Organization id, for `partner` and `donor`. */
  org?: string;
}

const encoder = new TextEncoder();

/**
 * The viewer of a gateway request: `public` without an Authorization header; otherwise the
 * verified JWT's claims. A bad, expired or forged token is UNAUTHENTICATED (401), never a
 * silent downgrade to `public`.
 */
export async function viewerFromRequest(
  req: IncomingMessage,
  verify: BearerVerifier,
): Promise<Viewer> {
  const header = req.headers.authorization;
  if (!header) {
    return PUBLIC_VIEWER;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw unauthenticated('the Authorization header must be "Bearer <token>".');
  }
  try {
    const payload = await verify(match[1]);
    return parseViewer({
      role: payload['role'],
      subject: payload['sub'],
      countryIso3: payload['country'],
      organizationId: payload['org'],
    });
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthenticated('the bearer token has expired; get a new one.');
    }
    if (error instanceof IdentityError) {
      throw unauthenticated('the bearer token has invalid claims (role, country or org).');
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
      throw unauthenticated('the bearer token has no "exp"; tokens must expire.');
    }
    if (error instanceof joseErrors.JWKSTimeout || isFetchFailure(error)) {
      throw unauthenticated(
        "the identity provider's keys could not be fetched to check the bearer token; retry shortly.",
      );
    }
    throw unauthenticated('the bearer token is not valid for this graph.');
  }
}

/** A network failure while fetching the JWKS (jose passes fetch's own error through). */
function isFetchFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  );
}

/** Signs a token, for `npm run token` and tests. */
export async function signToken(
  claims: ViewerClaims & { sub: string },
  settings: JwtSettings,
  expiresIn = '8h',
): Promise<string> {
  const { sub, ...rest } = claims;
  let jwt = new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (settings.issuer) {
    jwt = jwt.setIssuer(settings.issuer);
  }
  if (settings.audience) {
    jwt = jwt.setAudience(settings.audience);
  }
  if (!settings.secret) {
    throw new Error('signToken signs HS256 tokens and needs JWT_SECRET');
  }
  return jwt.sign(encoder.encode(settings.secret));
}
