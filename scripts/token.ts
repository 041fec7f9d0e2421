import { parseArgs } from 'node:util';
import { signToken } from '../gateway/auth.js';
import { readGatewayConfig } from '../gateway/config.js';
import { configOrExit } from '../loaders/config.js';
import { parseViewer, ROLES, type Role } from '../loaders/identity.js';

// `npm run token -- --role editor [--country KEN] [--org unodc] [--sub alice] [--expires 8h]`:
// an HS256 token for development (JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE as the gateway reads them);
// it always carries `exp`, which the gateway requires.
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    country: { type: 'string' },
    org: { type: 'string' },
    sub: { type: 'string', default: 'dev-user' },
    expires: { type: 'string', default: '8h' },
  },
});
const role = values.role as Role | undefined;
try {
  parseViewer({ role, countryIso3: values.country, organizationId: values.org });
} catch {
  process.stderr.write(
    `Usage: npm run token -- --role <${ROLES.join('|')}> [--country ISO3 for state_focal_point] [--org ID for partner/donor]\n`,
  );
  process.exit(64);
}
const config = configOrExit(() => readGatewayConfig(process.env));
if (!config.jwtSecret) {
  process.stderr.write(
    'npm run token signs HS256 tokens with JWT_SECRET, which is not set; with an identity provider (JWT_JWKS_URL), get tokens from it.\n',
  );
  process.exit(78);
}
const token = await signToken(
  {
    sub: values.sub ?? 'dev-user',
    role: role as Role,
    ...(values.country ? { country: values.country } : {}),
    ...(values.org ? { org: values.org } : {}),
  },
  { secret: config.jwtSecret, issuer: config.jwtIssuer, audience: config.jwtAudience },
  values.expires,
);
process.stdout.write(`${token}\n`);
