import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { signingKeyEnvName } from '../gateway/config-env.js';
import { redisAclRules, redisUserName, subgraphCacheScope } from '../loaders/cache-scope.js';
import { databasePasswordEnvName, subgraphRoleName } from '../loaders/db-roles.js';
import { projectPath } from '../loaders/project-path.js';
import { RESERVED_PREFIXES } from '../schema/composition/policy-rules.js';
import { readRegistry, subgraphUrlEnvName } from '../schema/composition/registry.js';

// `npm run subgraph:new -- [--tier core|partner] <name>`: a working subgraph from
// templates/partner-subgraph/, PARTNER by default, registered with the next free port of its tier
// (core 4001-4099, partners 4100+), its SDL emitted and the supergraph recomposed.
const TEMPLATE = projectPath('templates', 'partner-subgraph');
const REGISTRY = projectPath('schema', 'subgraphs.json');
const PARTNER_TIER = projectPath('subgraphs', 'partner-tier.ts');
const CORE_TIER = projectPath('subgraphs', 'index.ts');
const COMPOSE_FILE = projectPath('docker-compose.yml');
const FIRST_CORE_PORT = 4001;
const FIRST_PARTNER_PORT = 4100;

function fail(message: string): never {
  process.stderr.write(`subgraph:new: ${message}\n`);
  process.exit(64);
}

const USAGE = 'Usage: npm run subgraph:new -- [--tier core|partner] <name>';
const args = process.argv.slice(2);
const tierAt = args.indexOf('--tier');
const tierArg = tierAt >= 0 ? args.splice(tierAt, 2)[1] : 'partner';
if (tierArg !== 'core' && tierArg !== 'partner') {
  fail(`${USAGE}  (--tier is core or partner); got --tier "${tierArg ?? ''}"`);
}
const core = tierArg === 'core';
const TIER = core ? 'CORE' : 'PARTNER';
const name = args[0] ?? '';
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || args.length !== 1) {
  fail(`${USAGE}  (kebab-case, such as "hotline-reports"); got "${args.join(' ')}"`);
}
const words = name.split('-');
const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
const snake = words.join('_');
const reserved = RESERVED_PREFIXES.find((p) => pascal.startsWith(p) || camel.startsWith(p));
if (reserved) {
  fail(`"${name}" starts with the reserved prefix "${reserved}"`);
}
const registryJson = JSON.parse(await readFile(REGISTRY, 'utf8')) as {
  subgraphs: { name: string; url: string }[];
};
const registry = await readRegistry(REGISTRY);
if (registry.some((r) => r.name === name) || existsSync(projectPath('subgraphs', name))) {
  fail(`"${name}" already exists in schema/subgraphs.json or subgraphs/`);
}
// Core subgraphs take the ports below the partners' (4001-4099), partners those from 4100.
const portsInTier = registry
  .map((r) => Number(new URL(r.url).port) || 0)
  .filter((p) => (core ? p < FIRST_PARTNER_PORT : p >= FIRST_PARTNER_PORT));
const port = Math.max((core ? FIRST_CORE_PORT : FIRST_PARTNER_PORT) - 1, ...portsInTier) + 1;
if (core && port >= FIRST_PARTNER_PORT) {
  fail(`no free core port below ${FIRST_PARTNER_PORT}`);
}
const TIER_LIST = core ? CORE_TIER : PARTNER_TIER;
const now = new Date();
const pad = (n: number) => String(n).padStart(2, '0');
const migration = `${now.getUTCFullYear()}_${pad(now.getUTCMonth() + 1)}_${pad(now.getUTCDate())}_${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}_create_figure`;
// A seed for the PRNG derived from the name, so each partner's synthetic data differs.
const seed = [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

const fill = (text: string) =>
  text
    .replaceAll('__kebab__', name)
    .replaceAll('__Pascal__', pascal)
    .replaceAll('__camel__', camel)
    .replaceAll('__snake__', snake)
    .replaceAll('__CONST__', snake.toUpperCase())
    .replaceAll('__port__', String(port))
    .replaceAll('__seed__', String(seed))
    .replaceAll('__migration__', migration)
    .replaceAll('__TIER__', TIER)
    .replaceAll('__tier__', tierArg)
    .replaceAll('__tierList__', relative(projectPath(), TIER_LIST))
    .replaceAll(
      '__registryNote__',
      core
        ? 'Owned by the repository maintainers, like every core subgraph.'
        : '`allowMutations: false`. Fill in the real\n  `owner` and `contact` before you ask for review.',
    );

async function templateFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? templateFiles(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat();
}

/**
 * The tier's list with the new subgraph added: `subgraphs/partner-tier.ts` at its
 * `// subgraph:new` markers; `subgraphs/index.ts` after its last import and at the end of
 * `CORE_SUBGRAPHS`.
 */
function listed(text: string): string {
  const importLine = `import { ${camel}Subgraph } from './${name}/index.js';\n`;
  if (!core) {
    return text
      .replace('// subgraph:new imports\n', `${importLine}// subgraph:new imports\n`)
      .replace('  // subgraph:new entries\n', `  ${camel}Subgraph,\n  // subgraph:new entries\n`);
  }
  const imports = [...text.matchAll(/^import .*;\n/gm)];
  const lastImport = imports.at(-1);
  const listEnd = text.indexOf('\n];', text.indexOf('CORE_SUBGRAPHS'));
  if (!lastImport || listEnd < 0) {
    throw new Error(`${relative(projectPath(), CORE_TIER)} has an unexpected shape`);
  }
  const afterImports = lastImport.index + lastImport[0].length;
  return (
    text.slice(0, afterImports) +
    importLine +
    text.slice(afterImports, listEnd) +
    `\n  ${camel}Subgraph,` +
    text.slice(listEnd)
  );
}

// Everything is undone if any step fails: a half-made subgraph never stays in the tree.
const SUPERGRAPH = projectPath('schema', 'supergraph.graphql');
const shared = [REGISTRY, TIER_LIST, COMPOSE_FILE, SUPERGRAPH];
const snapshot = new Map(
  await Promise.all(shared.map(async (f) => [f, await readFile(f, 'utf8')] as const)),
);
const written: string[] = [];
try {
  for (const file of await templateFiles(TEMPLATE)) {
    const path = relative(TEMPLATE, file).replace(/\.tmpl$/, '');
    const target =
      path === 'test.ts'
        ? projectPath('test', 'subgraphs', `${name}.test.ts`)
        : projectPath('subgraphs', name, fill(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, fill(await readFile(file, 'utf8')));
    written.push(target);
  }

  const entry = {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    sdl: `subgraphs/${name}/schema.graphql`,
  };
  registryJson.subgraphs.push(
    (core
      ? { ...entry, owner: 'unodc', tier: 'CORE', contact: 'repository maintainers (see README)' }
      : {
          ...entry,
          owner: 'TO FILL: the partner organisation',
          tier: 'PARTNER',
          contact: 'TO FILL: a named contact and e-mail',
          allowMutations: false,
        }) as never,
  );
  await writeFile(REGISTRY, `${JSON.stringify(registryJson, null, 2)}\n`);
  await writeFile(TIER_LIST, listed(await readFile(TIER_LIST, 'utf8')));

  // docker-compose.yml: a service of its own on the partners network, connecting as its own
  // PostgreSQL role and Redis user (docs/security.md); the migrate service lets the role log in,
  // Redis gets the user, and the gateway is told where it runs.
  const compose = await readFile(COMPOSE_FILE, 'utf8');
  const signingKeyVar = signingKeyEnvName(name);
  const publicKeysVar = signingKeyVar.replace('IDENTITY_SIGNING_KEY', 'IDENTITY_PUBLIC_KEYS');
  const dbVar = databasePasswordEnvName(name);
  const redisVar = `REDIS_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`;
  const role = subgraphRoleName('cybercrime', name.replace(/-/g, '_'));
  // A core subgraph verifies viewers with the core key; a partner with its own key's public half.
  const keys = core
    ? `      IDENTITY_PUBLIC_KEYS: \${IDENTITY_PUBLIC_KEYS:?set IDENTITY_PUBLIC_KEYS (npm run keys)}\n`
    : `      # A partner verifies viewers with the public half of its own key, never the core's.\n` +
      `      IDENTITY_PUBLIC_KEYS: \${${publicKeysVar}:?set ${publicKeysVar} (npm run keys -- --for ${name})}\n`;
  const serviceBlock =
    `  ${name}:\n    <<: *service\n    command: ['node', 'dist/subgraphs/${name}/main.js']\n` +
    `    networks: [${core ? 'core' : 'partners'}]\n` +
    `    environment:\n      NODE_ENV: production\n      HOST: 0.0.0.0\n      PORT: '${port}'\n` +
    `      DATABASE_URL: postgres://${role}:\${${dbVar}:?set ${dbVar}}@postgres:5432/cybercrime\n` +
    `      REDIS_URL: redis://${redisUserName(name)}:\${${redisVar}:?set ${redisVar}}@redis:6379\n` +
    `${keys}\n`;
  const urlLine =
    `      ${subgraphUrlEnvName(name)}: http://${name}:${port}/graphql\n` +
    (core
      ? ''
      : `      ${signingKeyVar}: \${${signingKeyVar}:?set ${signingKeyVar} (npm run keys -- --for ${name})}\n`);
  const redisUser = ['--user', redisUserName(name)]
    .concat(redisAclRules(subgraphCacheScope(name), `\${${redisVar}:?set ${redisVar}}`))
    .map((arg) => `        '${arg}',\n`)
    .join('');
  const gatewayUserAt = compose.indexOf(
    `        '--user',\n        '${redisUserName('gateway')}',\n`,
  );
  const migrateEnvAt = compose.search(/\n {6}DATABASE_PASSWORD_[A-Z_]+: .*\n\n/);
  const gatewayAt = compose.indexOf('\n  gateway:\n');
  const volumesAt = compose.indexOf('\nvolumes:\n');
  if (gatewayAt < 0 || volumesAt < 0 || gatewayUserAt < 0 || migrateEnvAt < 0) {
    process.stderr.write(
      'subgraph:new: docker-compose.yml has an unexpected shape; add the service by hand\n',
    );
  } else {
    const gatewayBlock = compose
      .slice(gatewayAt, volumesAt)
      .replace(/(\n    depends_on:\n(?: {6}- .*\n)+)/, `$1      - ${name}\n`)
      .replace(/\n$/, '')
      .concat(`\n${urlLine}`);
    const migrateEnvEnd = compose.indexOf('\n\n', migrateEnvAt + 1) + 1;
    const withUsers =
      compose.slice(0, gatewayUserAt) +
      redisUser +
      compose.slice(gatewayUserAt, migrateEnvEnd) +
      `      ${dbVar}: \${${dbVar}:?set ${dbVar}}\n` +
      compose.slice(migrateEnvEnd);
    const shift = withUsers.length - compose.length;
    await writeFile(
      COMPOSE_FILE,
      `${withUsers.slice(0, gatewayAt + shift + 1)}${serviceBlock}${gatewayBlock.slice(1)}${withUsers.slice(volumesAt + shift)}`,
    );
  }

  const npm = (...args: string[]) =>
    execFileSync('npm', ['run', '--silent', ...args], { cwd: projectPath(), stdio: 'inherit' });
  // The template's imports are in order for its placeholders; the subgraph's name moves its own
  // modules (`<s>.loaders.js` …) among them, and its import into the tier list: sort them.
  execFileSync(
    'npx',
    [
      'eslint',
      '--config',
      'test/eslint.config.js',
      '--fix',
      ...written.filter((f) => f.endsWith('.ts')),
      TIER_LIST,
    ],
    { cwd: projectPath(), stdio: 'inherit' },
  );
  execFileSync(
    'npx',
    [
      'prettier',
      '--log-level',
      'warn',
      '--write',
      ...written.filter((f) => !f.endsWith('.graphql')),
      REGISTRY,
      TIER_LIST,
      COMPOSE_FILE,
    ],
    { cwd: projectPath(), stdio: 'inherit' },
  );
  npm('schema:emit');
  npm('schema:compose');
  npm('schema:check', '--', name);
  // deploy/kubernetes/base: its Deployment, Service and NetworkPolicy, and the gateway's URL.
  npm('k8s:emit');
} catch (error) {
  for (const [file, text] of snapshot) {
    await writeFile(file, text);
  }
  await rm(projectPath('subgraphs', name), { recursive: true, force: true });
  await rm(projectPath('test', 'subgraphs', `${name}.test.ts`), { force: true });
  process.stderr.write(`subgraph:new: failed, nothing was changed: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(
  `\nCreated ${TIER} subgraph ${name} on port ${port}:\n  ${written.map((f) => relative(projectPath(), f)).join('\n  ')}\n` +
    `Registered in schema/subgraphs.json, ${relative(projectPath(), TIER_LIST)}, docker-compose.yml and deploy/kubernetes/base.\n` +
    (core ? 'Next: npm test.\n' : 'Next: fill owner and contact in the registry, then npm test.\n'),
);
