import { parseArgs } from 'node:util';
import { signingKeyEnvName } from '../gateway/config-env.js';
import { generateIdentityKey, publicJwk } from '../loaders/identity.js';

// `npm run keys [-- --for core|<subgraph>] [--kid <id>]`: a new Ed25519 key pair for the viewer
// header, as environment lines: the private key for the gateway, the public key for the
// subgraph(s) it signs toward. See docs/security.md, "Keys and how to rotate them".
const { values } = parseArgs({
  options: {
    for: { type: 'string', default: 'core' },
    kid: { type: 'string' },
  },
});
const target = values.for ?? 'core';
if (!/^[a-z][a-z0-9-]*$/.test(target)) {
  process.stderr.write('Usage: npm run keys -- [--for core|<subgraph name>] [--kid <id>]\n');
  process.exit(64);
}
const kid = values.kid ?? `${target}-${new Date().toISOString().slice(0, 10)}`;
const key = generateIdentityKey(kid);
const suffix =
  target === 'core' ? '' : signingKeyEnvName(target).slice('IDENTITY_SIGNING_KEY'.length);
process.stdout.write(
  `# ${target === 'core' ? 'core subgraphs' : `subgraph ${target}`}, kid ${kid}\n` +
    `# gateway only (private):\n` +
    `IDENTITY_SIGNING_KEY${suffix}='${JSON.stringify(key)}'\n` +
    `# the subgraph${target === 'core' ? 's' : ''} (public; during a rotation list old and new keys):\n` +
    `IDENTITY_PUBLIC_KEYS${suffix}='${JSON.stringify({ keys: [publicJwk(key)] })}'\n`,
);
