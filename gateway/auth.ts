import type { IncomingMessage } from 'node:http';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import {
  IdentityError,
  parseViewer,
  PUBLIC_VIEWER,
  type Role,
  type Viewer,
} from '../loaders/identity.js';
import { unauthenticated } from '../schema/errors.js';

export interface JwtSettings {
  readonly secret: string;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

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
 * verified HS256 JWT's claims. A bad, expired or forged token is UNAUTHENTICATED (401), never a
 * silent downgrade to `public`.
 */
export async function viewerFromRequest(
  req: IncomingMessage,
  settings: JwtSettings,
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
    const { payload } = await jwtVerify(match[1], encoder.encode(settings.secret), {
      algorithms: ['HS256'],
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    return parseViewer({
      role: payload['role'],
      subject: payload.sub,
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
    throw unauthenticated('the bearer token is not valid for this graph.');
  }
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
  return jwt.sign(encoder.encode(settings.secret));
}
