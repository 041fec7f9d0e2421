import { readdir, readFile } from 'node:fs/promises';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { projectPath } from '../../loaders/project-path.js';
import { buildFederatedSchema, printSubgraphSdl } from '../../schema/build-subgraph-schema.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { readRegistry, subgraphUrlEnvName } from '../../schema/composition/registry.js';
import { KUBERNETES_BASE, kubernetesBaseFiles } from '../../scripts/kubernetes-base.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { lawsSubgraph } from '../../subgraphs/laws/index.js';
import { partnersSubgraph } from '../../subgraphs/partners/index.js';

const FIX = 'Run `npm run schema:emit && npm run schema:compose` and commit the result.';

describe('generated schema files', () => {
  it.each(CORE_SUBGRAPHS.map((s) => [s.name, s] as const))(
    'subgraphs/%s/schema.graphql matches the code',
    async (_name, subgraph) => {
      const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
      const entry = registry.find((r) => r.name === subgraph.name);
      expect(entry, `${subgraph.name} must be in schema/subgraphs.json`).toBeDefined();
      const committed = await readFile(projectPath(entry!.sdl), 'utf8');
      expect(committed, FIX).toBe(printSubgraphSdl(await buildFederatedSchema(subgraph)));
    },
  );

  it('prints the same SDL however many schemas the process built and ran before', async () => {
    const first = printSubgraphSdl(await buildFederatedSchema(lawsSubgraph));
    // What a process does between two builds, on type-graphql's shared metadata: another
    // subgraph's build, and every resolver call's in-place sort of its parameters (getParams).
    await buildFederatedSchema(partnersSubgraph);
    const storage = getMetadataStorage();
    const fields = [...storage.objectTypes, ...storage.interfaceTypes].flatMap(
      (t) => t.fields ?? [],
    );
    for (const handler of [...storage.queries, ...storage.fieldResolvers, ...fields]) {
      handler.params?.sort((a, b) => a.index - b.index);
    }
    expect(printSubgraphSdl(await buildFederatedSchema(lawsSubgraph))).toBe(first);
  });

  it('schema/supergraph.graphql is the composition of the committed subgraph SDL', async () => {
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    const subgraphs = await Promise.all(
      registry.map(async (r) => ({
        name: r.name,
        url: r.url,
        sdl: await readFile(projectPath(r.sdl), 'utf8'),
      })),
    );
    expect(await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8'), FIX).toBe(
      composeSupergraph(subgraphs),
    );
  });

  it('every entity and field of the supergraph has a description', async () => {
    const sdl = await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8');
    const { buildASTSchema, parse, isObjectType, isInputObjectType } = await import('graphql');
    // The API schema is what clients see: federation's own types are filtered out by prefix.
    const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        type.name.startsWith('join__') ||
        type.name.startsWith('link__')
      ) {
        continue;
      }
      if (isObjectType(type) || isInputObjectType(type)) {
        if (!type.description && type.name !== 'Query' && type.name !== 'Mutation') {
          missing.push(type.name);
        }
        for (const field of Object.values(type.getFields())) {
          if (!field.description && !(type.name === 'Query' && field.name.startsWith('_'))) {
            missing.push(`${type.name}.${field.name}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** The services of docker-compose.yml that are not subgraphs. */
const INFRASTRUCTURE_SERVICES = ['postgres', 'redis', 'migrate', 'gateway'];

/**
 * What differs between schema/subgraphs.json and docker-compose.yml: a registered subgraph
 * without a compose service or without the gateway's `SUBGRAPH_URL_<NAME>` (pointing at that
 * service and the registry's port), and a service or variable no registered subgraph has.
 */
async function composeDrift(): Promise<string[]> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const compose = parseYaml(await readFile(projectPath('docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, { environment?: Record<string, string> }> };
  const gatewayEnv = compose.services['gateway']?.environment ?? {};
  const urlVariables = new Set(
    Object.keys(gatewayEnv).filter((k) => k.startsWith('SUBGRAPH_URL_')),
  );
  const problems: string[] = [];
  for (const entry of registry) {
    const variable = subgraphUrlEnvName(entry.name);
    const url = `http://${entry.name}:${new URL(entry.url).port}/graphql`;
    if (!compose.services[entry.name]) {
      problems.push(`"${entry.name}" is registered but has no service in docker-compose.yml`);
    }
    if (!urlVariables.delete(variable)) {
      problems.push(`"${entry.name}" is registered but the gateway service has no ${variable}`);
    } else if (gatewayEnv[variable] !== url) {
      problems.push(`gateway ${variable} is "${gatewayEnv[variable]}", not ${url}`);
    }
  }
  const registered = new Set(registry.map((e) => e.name));
  for (const service of Object.keys(compose.services)) {
    if (!registered.has(service) && !INFRASTRUCTURE_SERVICES.includes(service)) {
      problems.push(
        `service "${service}" is in docker-compose.yml but not in schema/subgraphs.json`,
      );
    }
  }
  for (const variable of urlVariables) {
    problems.push(`gateway ${variable} names no subgraph of schema/subgraphs.json`);
  }
  return problems;
}

describe('docker-compose.yml against schema/subgraphs.json', () => {
  it('runs every registered subgraph as a service the gateway is pointed at, and nothing else', async () => {
    expect(
      await composeDrift(),
      'docker-compose.yml must list exactly the subgraphs of schema/subgraphs.json: each as a ' +
        'service (copy an existing one of the same tier: CORE on the core network, PARTNER on ' +
        "partners; `npm run subgraph:new` writes it for a new subgraph) and as the gateway's " +
        'SUBGRAPH_URL_<NAME>: http://<name>:<registry port>/graphql. Remove services and ' +
        'variables of subgraphs that left the registry.',
    ).toEqual([]);
  });
});

describe('deploy/kubernetes/base against schema/subgraphs.json', () => {
  it('is what the generator makes of the registry: a workload per subgraph, the gateway pointed at each', async () => {
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    const expected = await kubernetesBaseFiles(registry);
    const committed = (await readdir(projectPath(KUBERNETES_BASE))).map(
      (f) => `${KUBERNETES_BASE}/${f}`,
    );
    expect(committed.sort(), 'Run `npm run k8s:emit` and commit the result.').toEqual(
      [...expected.keys()].sort(),
    );
    for (const [file, text] of expected) {
      expect(await readFile(projectPath(file), 'utf8'), `${file}: run npm run k8s:emit`).toBe(text);
    }
  });
});
